using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using WelfareFlow.Cases;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Live;

public sealed record RecusalRequest(string? Reason);

public sealed record RecusalDocument(string RoundId, string DistrictId, string JudgeId, string Reason, string RecordedBy);

/// <summary>
/// A judge steps aside from a case (conflict of interest), by their own link or through an operator. The score
/// row records it, so the seat needs no score: the case stops waiting for that judge, its quorum counts the
/// remaining seats and its aggregate uses the scores present (DESIGN §5.1).
/// </summary>
public sealed class Recusals(RoundStore rounds, CaseStore cases, WelfareTables tables, AuditLog audit, ILogger<Recusals> logger)
{
    public const int MaxReason = 1_000;

    public async Task<Outcome<RecusalDocument>> RecordAsync(DurableTaskClient durable, string roundId, string districtId, string judgeId, RecusalRequest body, string actor, CancellationToken cancellationToken)
    {
        var reason = body.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > MaxReason)
            return Outcome<RecusalDocument>.Invalid([new("reason", $"reason is required (at most {MaxReason} characters): why the judge cannot score this case.")]);
        if (await rounds.GetAsync(roundId, cancellationToken) is null) return Outcome<RecusalDocument>.Refused(OutcomeStatus.NotFound, OutcomeReasons.NoRound, $"There is no round '{roundId}'.");
        if (await rounds.GetJudgeAsync(roundId, judgeId, cancellationToken) is null)
            return Outcome<RecusalDocument>.Refused(OutcomeStatus.NotFound, OutcomeReasons.NoCase, $"There is no judge '{judgeId}' in round '{roundId}'.");
        var caseRow = await cases.GetAsync(roundId, districtId, cancellationToken);
        if (caseRow is null || caseRow.Status == CaseStatus.NotSubmitted)
            return Outcome<RecusalDocument>.Refused(OutcomeStatus.NotFound, OutcomeReasons.NoCase, $"There is no case of '{districtId}' in this round.");
        if (caseRow.Status == CaseStatus.Final) return Final();

        var (before, written) = await ConditionalWrite.ChangeAsync<ScoreRow>(tables.Scores, roundId, ScoreRow.KeyOf(districtId, judgeId), current =>
        {
            if (current is { Final: true } or { Scored: true } or { Recused: true }) return null;
            var row = current ?? new ScoreRow { DistrictId = districtId, JudgeId = judgeId };
            row.Recused = true;
            row.RecusalReason = reason;
            return row;
        }, cancellationToken);
        if (written is null)
        {
            if (before is { Recused: true, Final: false }) return Outcome<RecusalDocument>.Done(false, new RecusalDocument(roundId, districtId, judgeId, before.RecusalReason, actor));
            if (before is { Scored: true }) return Outcome<RecusalDocument>.Refused(OutcomeStatus.Conflict, "scored-already", "The judge has scored this case already; a recusal is only possible before scoring.");
            return Final();
        }

        await audit.AppendAsync(roundId, actor, "judge-recused", $"{districtId}/{judgeId}", after: new { judge = judgeId, reason }, cancellationToken: cancellationToken);
        await durable.TryWakeAsync(logger, InstanceIds.Case(roundId, districtId), nameof(JudgeRecused), new JudgeRecused(judgeId), cancellationToken);

        return Outcome<RecusalDocument>.Done(true, new RecusalDocument(roundId, districtId, judgeId, reason, actor));
    }

    static Outcome<RecusalDocument> Final() =>
        Outcome<RecusalDocument>.Refused(OutcomeStatus.Conflict, OutcomeReasons.CaseFinal, "This case is final; it can no longer change.");
}
