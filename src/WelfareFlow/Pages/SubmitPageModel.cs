using WelfareFlow.Attachments;
using WelfareFlow.Contracts;
using WelfareFlow.Storage;

namespace WelfareFlow.Pages;

/// <summary>What a district's page shows: its case (or what was just typed), status, files, and the last attempt's
/// errors and message.</summary>
public sealed record SubmitPageModel(
    PageText Text,
    string Home,
    string Action,
    string Csrf,
    string DistrictName,
    string RoundTitle,
    DateTimeOffset Deadline,
    string Status,
    bool Open,
    CaseRow? Case,
    CaseSubmission Values,
    IReadOnlyDictionary<string, string> Errors,
    string? Notice,
    string NoticeKind,
    IReadOnlyList<AttachmentInfo> Files)
{
    public bool CanAddFile => Open && Files.Count < AttachmentKinds.MaxPerCase;

    public bool HasFieldErrors => Errors.Keys.Any(k => k != "file");
}
