using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Ops;

/// <summary>What an action form asks for.</summary>
public enum FieldKind { Text, Email, DateTime, TextArea, District, Judge, Case, Participant }

public sealed record ActionField(string Name, string Label, FieldKind Kind, bool Required = true);

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
            [new("participant", "participant", FieldKind.Participant)]),
        new("extend-deadline", "POST", (r, _) => $"/api/rounds/{Esc(r)}/extend-deadline", f => new { judgingDeadline = Deadline(f["newDeadline"]) },
            [new("newDeadline", "newDeadline", FieldKind.DateTime)]),
        new("replace-judge", "POST", (r, f) => $"/api/rounds/{Esc(r)}/judges/{Esc(f["judgeId"])}/replace",
            f => new { id = f["newId"].ToString(), name = f["newName"].ToString(), email = f["newEmail"].ToString() },
            [new("judgeId", "judge", FieldKind.Judge), new("newId", "id", FieldKind.Text), new("newName", "name", FieldKind.Text), new("newEmail", "email", FieldKind.Email)]),
        new("proceed", "POST", (r, f) => $"/api/rounds/{Esc(r)}/cases/{Esc(f["districtId"])}/proceed", _ => null,
            [new("districtId", "district", FieldKind.Case)]),
        new("special-award", "POST", (r, _) => $"/api/rounds/{Esc(r)}/special-awards",
            f => new { districtId = f["districtId"].ToString(), title = f["title"].ToString(), reason = f["reason"].ToString() },
            [new("districtId", "district", FieldKind.District), new("title", "awardTitle", FieldKind.Text), new("reason", "reason", FieldKind.TextArea)]),
        new("publish", "POST", (r, _) => $"/api/rounds/{Esc(r)}/publish", _ => null, []),
        new("purge-history", "DELETE", (r, _) => $"/api/rounds/{Esc(r)}/history", _ => null, []),
    ];

    /// <summary>Actions on one durable instance (the instance id comes in the form's hidden field).</summary>
    public static readonly IReadOnlyList<OpsAction> ForInstances =
    [
        new("terminate", "POST", (_, f) => $"/api/instances/{Esc(f["instanceId"])}/terminate?reason={Esc(f["reason"])}", _ => null, [new("reason", "reason", FieldKind.TextArea, Required: false)]),
        new("suspend", "POST", (_, f) => $"/api/instances/{Esc(f["instanceId"])}/suspend?reason={Esc(f["reason"])}", _ => null, [new("reason", "reason", FieldKind.TextArea, Required: false)]),
        new("resume", "POST", (_, f) => $"/api/instances/{Esc(f["instanceId"])}/resume?reason={Esc(f["reason"])}", _ => null, [new("reason", "reason", FieldKind.TextArea, Required: false)]),
        new("restart", "POST", (_, f) => $"/api/instances/{Esc(f["instanceId"])}/restart", _ => null, []),
        new("purge", "DELETE", (_, f) => $"/api/instances/{Esc(f["instanceId"])}", _ => null, []),
    ];

    static string Esc(Microsoft.Extensions.Primitives.StringValues value) => Uri.EscapeDataString(value.ToString());

    static string Esc(string value) => Uri.EscapeDataString(value);

    static string Kind(Microsoft.Extensions.Primitives.StringValues value) => value.ToString().Split(':')[0];

    static string Id(Microsoft.Extensions.Primitives.StringValues value) => value.ToString().Split(':', 2) is [_, var id] ? id : "";

    /// <summary>A <c>datetime-local</c> value read as UTC (the form says so).</summary>
    static DateTimeOffset? Deadline(Microsoft.Extensions.Primitives.StringValues value) =>
        DateTime.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;
}
