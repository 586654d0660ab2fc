using Microsoft.Extensions.Logging;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Links;
using WelfareFlow.Mail;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Cases;

/// <summary>A district submits or edits its case: the one core behind <c>PUT /api/rounds/{roundId}/cases/{districtId}</c>
/// and the form of <c>/submit/{token}</c>.</summary>
public sealed class CaseSubmissions(
    RoundStore rounds, CaseStore cases, AuditLog audit, Outbox outbox, WorkflowActivities activities, TimeProvider time, ILogger<CaseSubmissions> logger)
{
    public const int MaxTitle = 200, MaxSummary = 20_000, MaxCategory = 100;

    public static List<ValidationError> Validate(CaseSubmission body)
    {
        var errors = new List<ValidationError>();
        Text(errors, "title", body.Title, MaxTitle);
        Text(errors, "summary", body.Summary, MaxSummary);
        Text(errors, "category", body.Category, MaxCategory);
        return errors;
    }

    public async Task<Outcome<CaseDocument>> SubmitAsync(string roundId, string districtId, CaseSubmission body, CancellationToken cancellationToken)
    {
        var errors = Validate(body);
        if (errors.Count > 0) return Outcome<CaseDocument>.Invalid(errors);

        var round = await rounds.GetAsync(roundId, cancellationToken);
        if (round is null) return Outcome<CaseDocument>.Refused(OutcomeStatus.NotFound, OutcomeReasons.NoRound, $"There is no round '{roundId}'.");
        if (round.Phase != RoundPhase.Submission) return Closed();

        var (outcome, before, after) = await cases.SubmitAsync(roundId, districtId, body.Title!.Trim(), body.Summary!.Trim(), body.Category!.Trim(), time.GetUtcNow(), cancellationToken);
        if (outcome == WriteOutcome.Closed) return Closed();

        await audit.AppendAsync(roundId, $"district:{districtId}", outcome == WriteOutcome.Created ? "case-submitted" : "case-edited", districtId,
            before is null ? null : new { before.Title, before.Summary, before.Category }, new { after!.Title, after.Summary, after.Category }, cancellationToken);
        await SendReceiptAsync(round, districtId, after, cancellationToken);
        return Outcome<CaseDocument>.Done(outcome == WriteOutcome.Created,
            new CaseDocument(roundId, districtId, after.Title, after.Summary, after.Category, WireNames.ToWire(after.Status), after.Revision, after.UpdatedAt));
    }

    static Outcome<CaseDocument> Closed() => Outcome<CaseDocument>.Refused(OutcomeStatus.Conflict, OutcomeReasons.SubmissionsClosed, "Submissions are closed.");

    /// <summary>One receipt per revision. The case is stored already, so a failed receipt is logged and the
    /// district's request still succeeds; the outbox row keeps the error.</summary>
    async Task SendReceiptAsync(RoundRow round, string districtId, CaseRow saved, CancellationToken cancellationToken)
    {
        try
        {
            var district = await rounds.GetDistrictAsync(round.PartitionKey, districtId, cancellationToken);
            if (district is null) return;
            var link = activities.Link(LinkPurposes.Submit, round, district);
            var content = EmailTemplates.SubmissionReceipt(round.Title, district.Name, saved.Title, link, saved.UpdatedAt ?? time.GetUtcNow());
            await outbox.SendAsync(new OutgoingMail(round.PartitionKey, $"submission-receipt|{districtId}|{saved.Revision}", "submission-receipt",
                district.Name, district.Email, content.Subject, content.Text, content.Html), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not send the submission receipt of {RoundId}/{DistrictId} revision {Revision}", round.PartitionKey, districtId, saved.Revision);
        }
    }

    static void Text(List<ValidationError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, $"{field} is required."));
        else if (value.Length > max) errors.Add(new(field, $"{field} is longer than {max} characters."));
    }
}
