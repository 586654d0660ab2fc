using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Live;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>Builds <see cref="DayPageModel"/> from the stores and <see cref="PresentationDay"/>'s own snapshot (the
/// same running order and open case the API's round view shows).</summary>
public static class DayPageReader
{
    public static async Task<DayPageModel?> LoadAsync(HttpContext http, OpsFrame frame, string roundId, string? done, string? error)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var store = services.GetRequiredService<RoundStore>();
        var live = services.GetRequiredService<LiveStore>();
        var roundTask = store.GetAsync(roundId, ct);
        var districtsTask = store.GetDistrictsAsync(roundId, ct);
        var judgesTask = store.GetJudgesAsync(roundId, ct);
        var casesTask = services.GetRequiredService<CaseStore>().ListStatusesAsync(roundId, ct);
        var liveCasesTask = live.ListCasesAsync(roundId, ct);
        var stateTask = live.GetStateAsync(roundId, ct);
        await Task.WhenAll(roundTask, districtsTask, judgesTask, casesTask, liveCasesTask, stateTask);
        if (roundTask.Result is not { } round) return null;

        var isLive = round.Settings().Judging == JudgingMode.Live;
        var submitted = casesTask.Result.Where(c => c.Status != CaseStatus.NotSubmitted).ToList();
        var snapshot = await services.GetRequiredService<PresentationDay>().SnapshotAsync(roundId, submitted, ct);
        var names = districtsTask.Result.ToDictionary(d => d.RowKey, d => d.Name, StringComparer.Ordinal);
        var lines = submitted
            .Select(c => new DayPageModel.Line(snapshot.Order.GetValueOrDefault(c.RowKey), c.RowKey, names.GetValueOrDefault(c.RowKey, c.RowKey), StateOf(c, snapshot.Current, liveCasesTask.Result)))
            .OrderBy(l => l.Position).ToList();

        DayPageModel.OpenCase? open = null;
        if (lines.FirstOrDefault(l => l.State == DayPageModel.State.Presenting) is { } presenting)
        {
            var scores = (await services.GetRequiredService<ScoreStore>().ListForCaseAsync(roundId, presenting.DistrictId, ct)).ToDictionary(s => s.JudgeId, StringComparer.Ordinal);
            var judges = judgesTask.Result.Where(j => j.Active || scores.ContainsKey(j.RowKey)).OrderBy(j => j.RowKey, StringComparer.Ordinal)
                .Select(j => new DayPageModel.Judge(j.RowKey, j.Name, scores.GetValueOrDefault(j.RowKey) switch
                {
                    { Scored: true } => DayPageModel.Mark.Scored,
                    { Recused: true } => DayPageModel.Mark.Recused,
                    _ => DayPageModel.Mark.Pending,
                })).ToList();
            var openedAt = stateTask.Result.OpenedAt;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            open = new DayPageModel.OpenCase(presenting, openedAt, openedAt is { } at && now > at ? now - at : TimeSpan.Zero, judges);
        }

        var next = lines.FirstOrDefault(l => l.State == DayPageModel.State.Waiting);
        var refresh = http.Request.Query["refresh"] != "off";
        return new DayPageModel(frame with { Title = round.Title }, roundId, round.Title, isLive, done, error, lines, open, next, refresh);
    }

    static DayPageModel.State StateOf(CaseRow c, string? current, IReadOnlyDictionary<string, LiveCaseRow> rows) =>
        c.Status == CaseStatus.Final ? DayPageModel.State.Final
        : c.RowKey == current ? DayPageModel.State.Presenting
        : rows.TryGetValue(c.RowKey, out var row) && row.ClosedAt is not null ? DayPageModel.State.Closed
        : DayPageModel.State.Waiting;
}
