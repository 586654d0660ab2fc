using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

/// <summary>Which judges a case still waits for once judges can be replaced: a seat is filled when its judge,
/// or a judge they replaced (and so on back), has scored the case.</summary>
public static class JudgeSeats
{
    /// <summary>Where a case stands, from the round's judges and the case's score rows: who scored, who recused
    /// themselves (their seat is settled like a scored one: nobody is owed for it) and which active judges are still owed.</summary>
    public static CaseSeats Of(IReadOnlyCollection<ParticipantRow> judges, IReadOnlyCollection<ScoreRow> rows)
    {
        var scored = rows.Where(s => s.Scored).Select(s => s.JudgeId).ToHashSet(StringComparer.Ordinal);
        var recused = rows.Where(s => s.Recused && !s.Scored).Select(s => s.JudgeId).Order(StringComparer.Ordinal).ToList();
        var pending = Pending(judges, scored.Union(recused).ToHashSet(StringComparer.Ordinal)).Select(j => j.RowKey).Order(StringComparer.Ordinal).ToList();
        return new CaseSeats([.. scored.Order(StringComparer.Ordinal)], pending, recused);
    }

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
