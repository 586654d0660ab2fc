using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

/// <summary>Which judges a case still waits for once judges can be replaced: a seat is filled when its judge,
/// or a judge they replaced (and so on back), has scored the case.</summary>
public static class JudgeSeats
{
    /// <summary>Active judges whose seat on the case is not filled yet.</summary>
    public static IEnumerable<ParticipantRow> Pending(IReadOnlyCollection<ParticipantRow> judges, IReadOnlySet<string> scored)
    {
        var byId = judges.ToDictionary(j => j.RowKey, StringComparer.Ordinal);
        return judges.Where(j => j.Active && !Filled(j, byId, scored));
    }

    static bool Filled(ParticipantRow judge, IReadOnlyDictionary<string, ParticipantRow> byId, IReadOnlySet<string> scored)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = judge; current is not null && seen.Add(current.RowKey); current = byId.GetValueOrDefault(current.Replaces))
        {
            if (scored.Contains(current.RowKey)) return true;
        }

        return false;
    }
}
