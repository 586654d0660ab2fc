using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Cases;

/// <summary>
/// Reads a case's seats after a score is stored (<see cref="Scoring"/>), sharing one read between the scores of the
/// same case that are stored at the same moment (<see cref="Gathering{TItem, TResult}"/>): on the presentation day
/// every judge scores the presenting case within seconds, and their PUTs then cost one query, not one each. A check
/// that finds no other goes out at once; checks that arrive while one runs go together in the next, one query per case.
/// Each read starts after every write it answers for was stored, so it sees them all.
/// </summary>
public sealed class SeatChecks
{
    static readonly GatherPace Pace = new(Linger: TimeSpan.Zero, BusyCount: 1, BusyWindow: TimeSpan.Zero);

    readonly RoundStore rounds;
    readonly ScoreStore scores;
    readonly Gathering<CaseRef, SeatCheck> gathering;

    public SeatChecks(RoundStore rounds, ScoreStore scores)
    {
        this.rounds = rounds;
        this.scores = scores;
        gathering = new Gathering<CaseRef, SeatCheck>(FlushAsync, Pace);
    }

    /// <summary>The case's seats as the tables hold them once the caller's score is stored. <see cref="SeatCheck.Wakes"/>
    /// is true for one caller of those who shared the read, so that one of them wakes the case, not each.</summary>
    public Task<SeatCheck> ReadAsync(string roundId, string districtId) => gathering.AddAsync(new CaseRef(roundId, districtId));

    async Task FlushAsync(IReadOnlyList<Gathered<CaseRef, SeatCheck>> checks) =>
        await Task.WhenAll(checks.GroupBy(c => c.Item).Select(async sameCase =>
        {
            try
            {
                var rows = await scores.ListSeatsForCaseAsync(sameCase.Key.RoundId, sameCase.Key.DistrictId);
                var seats = JudgeSeats.Of(await rounds.GetPanelJudgesAsync(sameCase.Key.RoundId, rows.Select(r => r.JudgeId)), rows);
                foreach (var (check, i) in sameCase.Select((c, i) => (c, i))) check.Complete(new SeatCheck(seats, Wakes: seats.Pending.Count == 0 && i == 0));
            }
            catch (Exception e)
            {
                foreach (var check in sameCase) check.Fail(e);
            }
        }));
}

/// <summary>A case's seats after a score, and whether this caller wakes the case: every seat is filled and this caller
/// is the one of those sharing the read who acts on it.</summary>
public sealed record SeatCheck(CaseSeats Seats, bool Wakes);
