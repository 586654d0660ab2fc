using System.Text.Json.Serialization;

namespace WelfareFlow.Live;

/// <summary>How a round is judged: <see cref="Remote"/> (weeks, through the links) or <see cref="Live"/> (the
/// presentation day: one case at a time, in a running order, scored while it presents). The definition's
/// <c>"judging"</c> carries the wire strings (<see cref="WireNames"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JudgingMode>))]
public enum JudgingMode
{
    [JsonStringEnumMemberName("remote")] Remote,
    [JsonStringEnumMemberName("live")] Live,
}
