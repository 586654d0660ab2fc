using System.Text.Json;
using WelfareFlow.Workflow;

namespace WelfareFlow.Ops;

/// <summary>An instance's custom status (<see cref="RoundProgress"/> or <see cref="CaseProgress"/>) in words, not JSON.</summary>
public static class ProgressWords
{
    static readonly JsonSerializerOptions Reading = new(JsonSerializerDefaults.Web);

    public static string Describe(OpsText text, string instanceId, string? json, IReadOnlyDictionary<string, string> judgeNames)
    {
        if (string.IsNullOrWhiteSpace(json)) return "—";
        try
        {
            if (instanceId.Contains('.', StringComparison.Ordinal))
            {
                var c = JsonSerializer.Deserialize<CaseProgress>(json, Reading);
                if (c?.Phase is { } phase)
                {
                    return text.CaseProgress(text.CaseState(phase), Names(c.Scored, judgeNames), Names(c.Pending, judgeNames));
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
