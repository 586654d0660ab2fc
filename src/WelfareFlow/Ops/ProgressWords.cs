using System.Text.Json;
using WelfareFlow.Workflow;

namespace WelfareFlow.Ops;

/// <summary>An instance's custom status (<see cref="RoundProgress"/> or <see cref="CaseProgress"/>) in words, not JSON.</summary>
public static class ProgressWords
{
    static readonly JsonSerializerOptions Reading = new(JsonSerializerDefaults.Web);

    /// <param name="seats">A case's seats as the tables hold them, where the caller has read them: they replace who the
    /// case has counted while it is judging (a score wakes its case only once every seat is filled, see
    /// <see cref="Cases.Scoring"/>).</param>
    public static string Describe(OpsText text, string instanceId, string? json, IReadOnlyDictionary<string, string> judgeNames, CaseSeats? seats = null)
    {
        if (string.IsNullOrWhiteSpace(json)) return "—";
        try
        {
            if (instanceId.Contains('.', StringComparison.Ordinal))
            {
                var c = JsonSerializer.Deserialize<CaseProgress>(json, Reading);
                if (c?.Phase is { } phase)
                {
                    var (scored, pending) = seats is not null && phase != CasePhase.Final ? (seats.Scored, seats.Pending) : (c.Scored, c.Pending);
                    return text.CaseProgress(text.CaseState(phase), Names(scored, judgeNames), Names(pending, judgeNames));
                }
            }
            else if (JsonSerializer.Deserialize<RoundProgress>(json, Reading) is { Phase: { } phase } r)
            {
                return text.RoundProgress(text.PhaseName(phase), r.Cases, r.CasesFinal);
            }
        }
        catch (JsonException)
        {
            // A status written by an older or newer version: shown as it is below rather than failing the page.
        }

        return json;
    }

    static List<string> Names(IReadOnlyList<string>? ids, IReadOnlyDictionary<string, string> judgeNames) =>
        [.. (ids ?? []).Select(id => judgeNames.GetValueOrDefault(id, id))];
}
