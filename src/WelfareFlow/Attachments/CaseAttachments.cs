using WelfareFlow.Cases;
using WelfareFlow.Evaluation;
using WelfareFlow.Storage;

namespace WelfareFlow.Attachments;

/// <summary>Adding and removing a case's files while intake is open, and who may read them: the one core
/// behind the API and the district's page.</summary>
public sealed class CaseAttachments(RoundStore rounds, CaseStore cases, AttachmentStore store, AuditLog audit, TimeProvider time)
{
    /// <param name="content">A seekable stream of the uploaded file.</param>
    public async Task<Outcome<AttachmentInfo>> AddAsync(string roundId, string districtId, string? fileName, Stream? content, CancellationToken cancellationToken)
    {
        if (content is null || content.Length == 0 || string.IsNullOrWhiteSpace(fileName))
        {
            return Outcome<AttachmentInfo>.Invalid([new ValidationError("file", "Choose a file to upload.")]);
        }

        if (fileName.Length > AttachmentKinds.MaxFileNameLength)
        {
            return Outcome<AttachmentInfo>.Invalid([new ValidationError("file", $"The file name has {fileName.Length} characters; at most {AttachmentKinds.MaxFileNameLength} are allowed.")]);
        }

        if (content.Length > AttachmentKinds.MaxBytes)
        {
            return Outcome<AttachmentInfo>.Refused(OutcomeStatus.TooLarge, OutcomeReasons.FileTooLarge,
                $"The file is larger than {AttachmentKinds.MaxBytes / 1024 / 1024} MB.");
        }

        var name = AttachmentKinds.SafeFileName(fileName);
        if (AttachmentKinds.Detect(name, content) is not { } contentType)
        {
            return Outcome<AttachmentInfo>.Refused(OutcomeStatus.UnsupportedType, OutcomeReasons.WrongType,
                $"Only PDF, HWP, HWPX, DOCX, PPTX, XLSX, JPG and PNG files are accepted, recognised by their content; '{name}' is not one of them.");
        }

        if (await IntakeRefusalAsync(roundId, districtId, cancellationToken) is { } refused) return refused;

        var added = await store.TryAddAsync(roundId, districtId, name, contentType, content, time.GetUtcNow(), cancellationToken);
        if (added is null)
        {
            return Outcome<AttachmentInfo>.Refused(OutcomeStatus.Conflict, OutcomeReasons.TooManyFiles,
                $"A case has at most {AttachmentKinds.MaxPerCase} attachments; delete one first.");
        }

        // Intake may have closed while the file was uploading: then the file does not count.
        if (await IntakeRefusalAsync(roundId, districtId, cancellationToken) is { } closed)
        {
            await store.DeleteAsync(roundId, districtId, added.Id, CancellationToken.None);
            return closed;
        }

        await audit.AppendAsync(roundId, $"district:{districtId}", "attachment-added", $"{districtId}/{added.Id}", after: new { added.FileName, added.ContentType, added.Size }, cancellationToken: cancellationToken);
        return Outcome<AttachmentInfo>.Done(created: true, added);
    }

    public async Task<Outcome<AttachmentInfo>> DeleteAsync(string roundId, string districtId, string id, CancellationToken cancellationToken)
    {
        if (await IntakeRefusalAsync(roundId, districtId, cancellationToken) is { } refused) return refused;
        var existing = (await store.ListAsync(roundId, districtId, cancellationToken)).FirstOrDefault(a => a.Id == id);
        if (existing is null || !await store.DeleteAsync(roundId, districtId, id, cancellationToken))
        {
            return Outcome<AttachmentInfo>.Refused(OutcomeStatus.NotFound, OutcomeReasons.NoAttachment, $"There is no attachment '{id}'.");
        }

        await audit.AppendAsync(roundId, $"district:{districtId}", "attachment-deleted", $"{districtId}/{id}", before: new { existing.FileName, existing.ContentType, existing.Size }, cancellationToken: cancellationToken);
        return Outcome<AttachmentInfo>.Done(created: false, existing);
    }

    /// <summary>Judges see a case's files once the case is in judging (every submitted case of the round is theirs).</summary>
    public async Task<bool> IsJudgeableAsync(string roundId, string districtId, CancellationToken cancellationToken) =>
        await cases.GetAsync(roundId, districtId, cancellationToken) is { Status: CaseStatus.Judging or CaseStatus.Final };

    async Task<Outcome<AttachmentInfo>?> IntakeRefusalAsync(string roundId, string districtId, CancellationToken cancellationToken)
    {
        var round = await rounds.GetAsync(roundId, cancellationToken);
        if (round is null) return Outcome<AttachmentInfo>.Refused(OutcomeStatus.NotFound, OutcomeReasons.NoRound, $"There is no round '{roundId}'.");
        var caseRow = await cases.GetAsync(roundId, districtId, cancellationToken);
        return round.Phase == RoundPhase.Submission && caseRow is null or { Status: CaseStatus.Submitted }
            ? null
            : Outcome<AttachmentInfo>.Refused(OutcomeStatus.Conflict, OutcomeReasons.SubmissionsClosed, "Submissions are closed; attachments can no longer change.");
    }
}
