using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Ops;

/// <summary>What an action form asks for.</summary>
public enum FieldKind { Text, Email, DateTime, TextArea, District, Judge, Case, Participant }

/// <summary>A form field of an action; its label is a word of <see cref="OpsText"/>, so a missing one fails the build.</summary>
public sealed record ActionField(string Name, Func<OpsText, string> Label, FieldKind Kind, bool Required = true);

/// <summary>
/// An operator action of the dashboard: the API request it makes (method, path, JSON body built from the
/// form) and the fields it asks for. The dashboard runs the API's own endpoint (<see cref="OperatorCall"/>).
/// </summary>
public sealed record OpsAction(string Key, string Method, Func<string, IFormCollection, string> Path, Func<IFormCollection, object?> Body, IReadOnlyList<ActionField> Fields)
{
    /// <summary>Round-level actions, in the order the round page lists them.</summary>
    public static readonly IReadOnlyList<OpsAction> ForRounds =
    [
        new("close-submissions", "POST", (r, _) => $"/api/rounds/{Esc(r)}/close-submissions", _ => null, []),
        new("resend-link", "POST", (r, f) => $"/api/rounds/{Esc(r)}/{(Kind(f["participant"]) == "judge" ? "judges" : "districts")}/{Esc(Id(f["participant"]))}/reissue-link", _ => null,
            [new("participant", t => t.Participant, FieldKind.Participant)]),
        new("extend-deadline", "POST", (r, _) => $"/api/rounds/{Esc(r)}/extend-deadline", f => new { judgingDeadline = Deadline(f["newDeadline"]) },
            [new("newDeadline", t => t.NewDeadline, FieldKind.DateTime)]),
        new("replace-judge", "POST", (r, f) => $"/api/rounds/{Esc(r)}/judges/{Esc(f["judgeId"])}/replace",
            f => new { id = f["newId"].ToString(), name = f["newName"].ToString(), email = f["newEmail"].ToString() },
            [new("judgeId", t => t.Judge, FieldKind.Judge), new("newId", t => t.Id, FieldKind.Text), new("newName", t => t.Name, FieldKind.Text), new("newEmail", t => t.Email, FieldKind.Email)]),
        new("proceed", "POST", (r, f) => $"/api/rounds/{Esc(r)}/cases/{Esc(f["districtId"])}/proceed", _ => null,
            [new("districtId", t => t.District, FieldKind.Case)]),
        new("special-award", "POST", (r, _) => $"/api/rounds/{Esc(r)}/special-awards",
            f => new { districtId = f["districtId"].ToString(), title = f["title"].ToString(), reason = f["reason"].ToString() },
            [new("districtId", t => t.District, FieldKind.District), new("title", t => t.AwardTitle, FieldKind.Text), new("reason", t => t.Reason, FieldKind.TextArea)]),
        new("publish", "POST", (r, _) => $"/api/rounds/{Esc(r)}/publish", _ => null, []),
        new("purge-history", "DELETE", (r, _) => $"/api/rounds/{Esc(r)}/history", _ => null, []),
    ];

    /// <summary>Actions on one durable instance (the instance id comes in the form's hidden field).</summary>
    public static readonly IReadOnlyList<OpsAction> ForInstances =
    [
        new("terminate", "POST", (_, f) => $"/api/instances/{Esc(f["instanceId"])}/terminate?reason={Esc(f["reason"])}", _ => null, [new("reason", t => t.Reason, FieldKind.TextArea, Required: false)]),
        new("suspend", "POST", (_, f) => $"/api/instances/{Esc(f["instanceId"])}/suspend?reason={Esc(f["reason"])}", _ => null, [new("reason", t => t.Reason, FieldKind.TextArea, Required: false)]),
        new("resume", "POST", (_, f) => $"/api/instances/{Esc(f["instanceId"])}/resume?reason={Esc(f["reason"])}", _ => null, [new("reason", t => t.Reason, FieldKind.TextArea, Required: false)]),
        new("restart", "POST", (_, f) => $"/api/instances/{Esc(f["instanceId"])}/restart", _ => null, []),
        new("purge", "DELETE", (_, f) => $"/api/instances/{Esc(f["instanceId"])}", _ => null, []),
    ];

    /// <summary>Whether a round-level action makes sense in the round's phase (the round page offers only those).</summary>
    public static bool Applies(string key, Storage.RoundRow round) => key switch
    {
        "close-submissions" => round.Phase == Storage.RoundPhase.Submission,
        "extend-deadline" or "replace-judge" or "proceed" => round.Phase == Storage.RoundPhase.Judging,
        "special-award" => round.Phase != Storage.RoundPhase.Published,
        "publish" => round.RequireApproval && round.Phase == Storage.RoundPhase.Review,
        _ => true,
    };

    static string Esc(Microsoft.Extensions.Primitives.StringValues value) => Uri.EscapeDataString(value.ToString());

    static string Esc(string value) => Uri.EscapeDataString(value);

    static string Kind(Microsoft.Extensions.Primitives.StringValues value) => value.ToString().Split(':')[0];

    static string Id(Microsoft.Extensions.Primitives.StringValues value) => value.ToString().Split(':', 2) is [_, var id] ? id : "";

    /// <summary>A <c>datetime-local</c> value read as Seoul time (the form says so).</summary>
    static DateTimeOffset? Deadline(Microsoft.Extensions.Primitives.StringValues value) => SeoulTime.ParseLocal(value.ToString());
}
