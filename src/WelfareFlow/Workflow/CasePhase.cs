using System.Text.Json.Serialization;

namespace WelfareFlow.Workflow;

/// <summary>The phase in a case orchestration's custom status (<see cref="CaseProgress"/>); operators may decide
/// on an <see cref="Escalated"/> case. Serialised as the contract strings (<see cref="WireNames"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CasePhase>))]
public enum CasePhase
{
    [JsonStringEnumMemberName("judging")] Judging,
    /// <summary>Past its deadline without quorum: waiting for an operator.</summary>
    [JsonStringEnumMemberName("escalated")] Escalated,
    [JsonStringEnumMemberName("final")] Final,
}
