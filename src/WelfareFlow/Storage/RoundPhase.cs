using System.Text.Json.Serialization;

namespace WelfareFlow.Storage;

/// <summary>Where a round stands (DESIGN §5). Each member's <see cref="JsonStringEnumMemberNameAttribute"/> is its contract
/// string (<see cref="WireNames"/>): the round view, the round orchestration's custom status and the round row carry it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoundPhase>))]
public enum RoundPhase
{
    [JsonStringEnumMemberName("submission")] Submission,
    [JsonStringEnumMemberName("judging")] Judging,
    /// <summary>Results allocated; a round that requires approval waits here for publish.</summary>
    [JsonStringEnumMemberName("review")] Review,
    [JsonStringEnumMemberName("published")] Published,
}
