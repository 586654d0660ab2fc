using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Http;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>Builds <see cref="RoundPageModel"/>: the stores' rows, filtered and paged, and the durable instances and
/// district names of the cases on the shown page only (so a 3,500-case round costs one page of instance look-ups and
/// names, not 3,500). Scores are read without their comments and the audit's full rows for the shown page only.</summary>
public static class RoundPageReader
{
    public static async Task<RoundPageModel?> LoadAsync(HttpContext http, DurableTaskClient durable, OpsFrame frame, string roundId, RoundPageQuery query, string? done)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var store = services.GetRequiredService<RoundStore>();
        var roundTask = store.GetAsync(roundId, ct);
        var judgesTask = store.GetJudgesAsync(roundId, ct);
        var casesTask = services.GetRequiredService<CaseStore>().ListStatusesAsync(roundId, ct);
        var scoresTask = services.GetRequiredService<ScoreStore>().ListPointsAsync(roundId, ct);
        var auditTask = services.GetRequiredService<AuditLog>().NewestFirstAsync(roundId, total =>
        {
            var paging = Paging.Of(total, query.AuditPage, RoundPageModel.AuditPageSize);
            return (paging.Skip, paging.Size);
        }, ct);
        await Task.WhenAll(roundTask, judgesTask, casesTask, scoresTask, auditTask);
        if (roundTask.Result is not { } round) return null;

        var text = frame.Text;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var judges = judgesTask.Result.OrderBy(j => j.RowKey, StringComparer.Ordinal).Select(j => new RoundPageModel.Column(j.RowKey, j.Name)).ToList();
        var columns = query.Judge is { } one ? judges.Where(j => j.Id == one).ToList() : judges;
        var scores = scoresTask.Result.ToDictionary(s => s.RowKey, StringComparer.Ordinal);

        // Which cases the filter lists, from their statuses and seats; the page's lines with their points are built
        // for the shown cases only (each total parses its score's points).
        var listed = casesTask.Result.Where(c => c.Status != CaseStatus.NotSubmitted)
            .OrderBy(c => c.RowKey, StringComparer.Ordinal)
            .Where(c => query.Show switch
            {
                RoundPageQuery.PendingOnly => columns.Any(j => IsPending(c, scores.GetValueOrDefault(ScoreRow.KeyOf(c.RowKey, j.Id)))),
                RoundPageQuery.EscalatedOnly => IsEscalated(c, round, now),
                _ => true,
            })
            .ToList();
        var paging = Paging.Of(listed.Count, query.Page);
        var page = paging.Take(listed).ToList();
        // The names of the shown districts only, read beside the instances: one range of keys, the page's own when it
        // shows every case (consecutive ids), a wider one when a filter skips cases in between.
        var namesTask = page.Count == 0 ? Task.FromResult(new Dictionary<string, string>())
            : store.GetDistrictNamesAsync(roundId, page[0].RowKey, page[^1].RowKey, ct);

        var judgeNames = judges.ToDictionary(j => j.Id, j => j.Name, StringComparer.Ordinal);
        // Only cases that went to judging have an orchestration: no look-up for the others.
        var started = page.Where(c => c.Status != CaseStatus.Submitted).Select(c => c.RowKey);
        // Who scored each shown case, from the tables: a judging case counts its scores only once its last seat is filled.
        var seats = page.ToDictionary(c => Workflow.InstanceIds.Case(roundId, c.RowKey), c => Workflow.JudgeSeats.Of(judgesTask.Result,
            [.. judgesTask.Result.Select(j => scores.GetValueOrDefault(ScoreRow.KeyOf(c.RowKey, j.RowKey))).OfType<ScoreRow>()]), StringComparer.Ordinal);
        var instancesTask = InstancesAsync(durable, text, roundId, started, judgeNames, seats, ct);
        await Task.WhenAll(namesTask, instancesTask);
        var (instances, instanceError) = instancesTask.Result;
        var shown = page.Select(c => Line(c, namesTask.Result.GetValueOrDefault(c.RowKey, c.RowKey), columns, scores, round, now)).ToList();
        var running = round.Phase != RoundPhase.Published || instances.Any(i => !ManagementEndpoints.IsFinished(i.Status));

        var judgingCases = casesTask.Result.Count(c => c.Status is CaseStatus.Judging or CaseStatus.Final);
        var chart = ScoresOverTime.Build(scoresTask.Result.Where(s => s.Scored && s.ScoredAt is not null).Select(s => s.ScoredAt!.Value),
            judgingCases * judgesTask.Result.Count(j => j.Active), round.ClosedAt ?? round.CreatedAt, round.JudgingDeadline, now);

        var (auditTotal, audit) = auditTask.Result;
        var auditPaging = Paging.Of(auditTotal, query.AuditPage, RoundPageModel.AuditPageSize);
        return new RoundPageModel(frame, round, done, running, query, Timeline(text, round), chart, judges, columns, shown, paging,
            instances, instanceError, [.. OpsAction.ForRounds.Where(a => OpsAction.Applies(a.Key, round)).Select(a => a.Key)], audit, auditPaging);
    }

    /// <summary>A judge's cell of a case waits for a score: not scored, and the case not final.</summary>
    static bool IsPending(CaseRow c, ScoreRow? score) => score is not { Scored: true } && c.Status != CaseStatus.Final;

    static bool IsEscalated(CaseRow c, RoundRow round, DateTimeOffset now) => c.Status == CaseStatus.Judging && now > round.JudgingDeadline;

    static RoundPageModel.CaseLine Line(CaseRow c, string name, IReadOnlyList<RoundPageModel.Column> columns, Dictionary<string, ScoreRow> scores, RoundRow round, DateTimeOffset now)
    {
        var escalated = IsEscalated(c, round, now);
        var cells = columns.Select(j =>
        {
            var s = scores.GetValueOrDefault(ScoreRow.KeyOf(c.RowKey, j.Id));
            if (s is { Scored: true })
            {
                return new RoundPageModel.Cell(RoundPageModel.CellKind.Scored, s.Criteria().Values.Sum(), s.ScoredAt,
                    Late: s.ScoredAt > round.JudgingDeadline ? s.ScoredAt.Value - round.JudgingDeadline : null);
            }

            return IsPending(c, s)
                ? new RoundPageModel.Cell(RoundPageModel.CellKind.Pending, Overdue: escalated ? now - round.JudgingDeadline : null)
                : new RoundPageModel.Cell(RoundPageModel.CellKind.NotScored);
        }).ToList();
        return new RoundPageModel.CaseLine(c.RowKey, name, c.Status, escalated, cells);
    }

    static List<RoundPageModel.Step> Timeline(OpsText text, RoundRow round) =>
    [
        new(text.Created, round.CreatedAt, false, true),
        new(text.SubmissionDeadline, round.SubmissionDeadline, round.Phase == RoundPhase.Submission, false),
        new(text.Closed, round.ClosedAt, false, round.ClosedAt is not null),
        new(text.JudgingDeadline, round.JudgingDeadline, round.Phase == RoundPhase.Judging, false),
        new(text.Allocated, round.AllocatedAt, round.Phase == RoundPhase.Review, round.AllocatedAt is not null),
        new(text.Published, round.PublishedAt, round.Phase == RoundPhase.Published, round.PublishedAt is not null),
    ];

    static async Task<(List<RoundPageModel.InstanceLine>, string?)> InstancesAsync(DurableTaskClient durable, OpsText text, string roundId, IEnumerable<string> districtIds,
        IReadOnlyDictionary<string, string> judgeNames, IReadOnlyDictionary<string, Workflow.CaseSeats> seats, CancellationToken ct)
    {
        try
        {
            var ids = districtIds.Select(d => Workflow.InstanceIds.Case(roundId, d)).Prepend(roundId).ToList();
            var found = await Task.WhenAll(ids.Select(id => durable.GetInstanceAsync(id, getInputsAndOutputs: true, ct)));
            return ([.. found.OfType<OrchestrationMetadata>().Select(i => new RoundPageModel.InstanceLine(i.InstanceId, i.Name, i.RuntimeStatus,
                ProgressWords.Describe(text, i.InstanceId, i.SerializedCustomStatus, judgeNames, seats.GetValueOrDefault(i.InstanceId)), i.CreatedAt, i.LastUpdatedAt, i.FailureDetails?.ErrorMessage))], null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ([], e.Message);
        }
    }
}
