using System.Text.Json.Serialization;

namespace WelfareFlow.Storage;

/// <summary>Where a district's case stands, as its row stores it and the round view shows it (<see cref="WireNames"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    [JsonStringEnumMemberName("submitted")] Submitted,
    /// <summary>Placeholder written at close for a district that did not submit; blocks late submissions.</summary>
    [JsonStringEnumMemberName("not-submitted")] NotSubmitted,
    [JsonStringEnumMemberName("judging")] Judging,
    [JsonStringEnumMemberName("final")] Final,
}
