using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Live;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Cases;

/// <summary>A judge scores or revises a case: the one core behind <c>PUT …/scores/{judgeId}</c> and the forms of
/// <c>/judge/{token}</c>.</summary>
public sealed class Scoring(RoundStore rounds, CaseStore cases, ScoreStore scores, SeatChecks seatChecks, LiveStore live, AuditLog audit, TimeProvider time, ILogger<Scoring> logger)
{
    public const int MaxComment = 5_000;

    /// <param name="durable">The engine's client; passed in because the Functions host binds it per call.</param>
    /// <param name="judge">The judge's row when the caller has read it already (checking the link), so it is not read twice.</param>
    public async Task<Outcome<ScoreDocument>> SaveAsync(DurableTaskClient durable, string roundId, string districtId, string judgeId, ScoreSubmission body, CancellationToken cancellationToken, ParticipantRow? judge = null)
    {
        // Everything the decision needs, read at once: the rubric (cached per round), the case, the judge.
        var settingsRead = rounds.GetSettingsAsync(roundId, cancellationToken);
        var caseRead = cases.GetStatusForScoringAsync(roundId, districtId, cancellationToken);
        var judgeRead = judge is null ? rounds.GetJudgeAsync(roundId, judgeId, cancellationToken) : Task.FromResult<ParticipantRow?>(judge);
        await Task.WhenAll(settingsRead, caseRead, judgeRead);

        if (await settingsRead is not { } settings) return Outcome<ScoreDocument>.Refused(OutcomeStatus.NotFound, OutcomeReasons.NoRound, $"There is no round '{roundId}'.");
        var errors = ScoreValidator.Validate(settings.Rubric, body.Criteria).ToList();
        if (body.Comment is { Length: > MaxComment }) errors.Add(new("comment", $"The comment is longer than {MaxComment} characters."));
        if (errors.Count > 0) return Outcome<ScoreDocument>.Invalid(errors);

        var status = await caseRead;
        if (status is null or CaseStatus.NotSubmitted)
            return Outcome<ScoreDocument>.Refused(OutcomeStatus.NotFound, OutcomeReasons.NoCase, $"There is no case of '{districtId}' in this round.");
        if (status == CaseStatus.Submitted)
            return Outcome<ScoreDocument>.Refused(OutcomeStatus.Conflict, OutcomeReasons.JudgingNotStarted, "Judging has not started yet.");
        if (status == CaseStatus.Final) return Final();
        if (settings.Judging == JudgingMode.Live && !await live.IsOpenAsync(roundId, districtId, cancellationToken))
            return Outcome<ScoreDocument>.Refused(OutcomeStatus.Conflict, OutcomeReasons.CaseNotOpen, "This case is not open: on the presentation day a case is scored while it is presenting.");
        if (await RefuseReplacementAsync(roundId, districtId, await judgeRead, cancellationToken) is { } refused) return refused;

        var criteriaJson = JsonSerializer.Serialize(body.Criteria, Json.Options);
        var (outcome, before, after) = await scores.SaveAsync(roundId, districtId, judgeId, criteriaJson, body.Comment?.Trim() ?? "", time.GetUtcNow(), cancellationToken);
        if (outcome == WriteOutcome.Closed) return before is { Recused: true } ? Recused() : Final();

        // The score is stored: its audit entry goes out, and the case is woken if every seat is now filled.
        await Task.WhenAll(
            audit.AppendAsync(roundId, $"judge:{judgeId}", outcome == WriteOutcome.Created ? "score-entered" : "score-revised", $"{districtId}/{judgeId}",
                before is { Scored: true } ? new { criteria = before.Criteria(), before.Comment } : null, new { criteria = after!.Criteria(), after.Comment }, cancellationToken),
            WakeIfLastSeatAsync(durable, roundId, districtId, cancellationToken));
        return Outcome<ScoreDocument>.Done(outcome == WriteOutcome.Created,
            new ScoreDocument(roundId, districtId, judgeId, body.Criteria!, after.Comment, body.Criteria!.Values.Sum(), after.Revision));
    }

    /// <summary>Wakes the case once every seat is filled, with the seats as the tables hold them
    /// (<see cref="SeatsFilled"/>). A case counts its scores then (or at its deadline, or when an operator acts, again
    /// from the tables), not one event per score: an engine turn costs about as many storage calls as the whole score
    /// path, and at 4 judges this is one event per case instead of four (bench/README.md). The read comes after this
    /// score's write, so of two judges filling the last seats at the same moment the one who reads last sees both: the
    /// case is woken at least once, perhaps twice (a repeated event changes nothing; scores of one case stored at the
    /// same moment share the read and one of them wakes it, <see cref="SeatChecks"/>). A revision reads too: it is how
    /// a judge's retry wakes a case whose wake was lost when the Server died after storing the score. A failed read or
    /// wake is logged, not the judge's problem: the score is stored, and the case finds it in the tables at its
    /// deadline.</summary>
    async Task WakeIfLastSeatAsync(DurableTaskClient durable, string roundId, string districtId, CancellationToken cancellationToken)
    {
        SeatCheck check;
        try
        {
            check = await seatChecks.ReadAsync(roundId, districtId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not read the seats of {RoundId}/{DistrictId} after a score", roundId, districtId);
            return;
        }

        if (!check.Wakes) return;
        await durable.TryWakeAsync(logger, InstanceIds.Case(roundId, districtId), nameof(SeatsFilled), new SeatsFilled(check.Seats), cancellationToken);
    }

    /// <summary>A judge who replaced another takes only the seats still open: where the predecessor scored, a
    /// second score would give the case one judge too many. And a case with a locked seat is final, even when the
    /// final step's panel did not have this judge yet (replaced on another Server instance moments before, see
    /// <see cref="FinalSteps"/>), so their seat has no lock of its own. Null when the score may be saved.</summary>
    async Task<Outcome<ScoreDocument>?> RefuseReplacementAsync(string roundId, string districtId, ParticipantRow? judge, CancellationToken cancellationToken)
    {
        if (judge is null || judge.Replaces.Length == 0) return null;
        var rows = await scores.ListForCaseAsync(roundId, districtId, cancellationToken);
        if (rows.Any(r => r.Final)) return Final();
        var scored = rows.Where(s => s.Scored).Select(s => s.JudgeId).ToHashSet(StringComparer.Ordinal);
        if (scored.Contains(judge.RowKey) || JudgeSeats.Pending(await rounds.GetJudgesAsync(roundId, cancellationToken), scored).Any(j => j.RowKey == judge.RowKey)) return null;
        return Outcome<ScoreDocument>.Refused(OutcomeStatus.Conflict, OutcomeReasons.SeatFilled, "The judge you replaced already scored this case; their score counts.");
    }

    static Outcome<ScoreDocument> Recused() =>
        Outcome<ScoreDocument>.Refused(OutcomeStatus.Conflict, OutcomeReasons.Recused, "You recused yourself from this case; it takes no score from you.");

    static Outcome<ScoreDocument> Final() =>
        Outcome<ScoreDocument>.Refused(OutcomeStatus.Conflict, OutcomeReasons.CaseFinal, "This case is final; scores can no longer change.");
}
