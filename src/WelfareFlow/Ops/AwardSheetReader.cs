using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>Builds <see cref="AwardSheetModel"/> from <see cref="ResultStore"/> and the round's participants; null
/// before results are allocated.</summary>
public static class AwardSheetReader
{
    public static async Task<AwardSheetModel?> LoadAsync(HttpContext http, OpsFrame frame, RoundRow round, AwardSheetQuery query)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var roundId = round.PartitionKey;
        var results = services.GetRequiredService<ResultStore>();
        var store = services.GetRequiredService<RoundStore>();
        var storedTask = results.GetAsync<CaseResult, ResultSummary>(roundId, ct);
        var specialsTask = results.ListSpecialAsync<SpecialAwardView>(roundId, ct);
        var districtsTask = store.GetDistrictsAsync(roundId, ct);
        var judgesTask = store.GetJudgesAsync(roundId, ct);
        await Task.WhenAll(storedTask, specialsTask, districtsTask, judgesTask);
        if (storedTask.Result is not var (summary, cases)) return null;

        var settings = round.Settings();
        var names = districtsTask.Result.ToDictionary(d => d.RowKey, d => d.Name, StringComparer.Ordinal);
        var judgeNames = judgesTask.Result.ToDictionary(j => j.RowKey, j => j.Name, StringComparer.Ordinal);
        var ranked = cases.OrderBy(c => c.Rank ?? int.MaxValue).ThenBy(c => c.CaseId, StringComparer.Ordinal).ToList();
        AwardSheetModel.Award ToAward(CaseResult c) => new(c.Rank, c.CaseId, names.GetValueOrDefault(c.CaseId, c.CaseId), c.Score is { } s ? Math.Round(s, 2, MidpointRounding.AwayFromZero) : null);

        var tiers = settings.Tiers.Select(t => new AwardSheetModel.TierSection(t.Label, t.Quota, [.. ranked.Where(c => c.TierId == t.Id).Select(ToAward)])).ToList();
        var unplaced = ranked.Where(c => c.TierId is null).ToList();
        var unplacedPaging = Paging.Of(unplaced.Count, query.Page);

        var sensitivity = summary.Sensitivity.ToDictionary(s => s.CaseId, StringComparer.Ordinal);
        var caseLines = ranked.Select(c =>
        {
            var row = sensitivity.GetValueOrDefault(c.CaseId);
            var totals = c.Explanation.JudgeTotals.OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => new AwardSheetModel.JudgeTotal(t.Key, judgeNames.GetValueOrDefault(t.Key, t.Key), t.Value, c.Explanation.DroppedJudges.Contains(t.Key))).ToList();
            return new AwardSheetModel.CaseLine(c.CaseId, names.GetValueOrDefault(c.CaseId, c.CaseId), c.Rank, c.Score, totals,
                row?.TierByMethod ?? new Dictionary<string, string?>(), row?.DependsOnMethod ?? false);
        }).Where(l => !query.OnlyChanging || l.DependsOnMethod).ToList();
        var casesPaging = Paging.Of(caseLines.Count, query.CasesPage);

        var figures = summary.Agreement.Judges.ToDictionary(j => j.JudgeId, StringComparer.Ordinal);
        var panel = judgesTask.Result.OrderBy(j => j.RowKey, StringComparer.Ordinal).Select(j =>
        {
            var totals = cases.Select(c => c.Explanation.JudgeTotals.TryGetValue(j.RowKey, out var t) ? (double?)t : null).OfType<double>().Order().ToList();
            var f = figures.GetValueOrDefault(j.RowKey);
            return totals.Count == 0
                ? new AwardSheetModel.JudgeLine(j.RowKey, j.Name, 0, 0, 0, 0, 0, 0, 0, f?.StdDev, f?.CorrelationWithOthers)
                : new AwardSheetModel.JudgeLine(j.RowKey, j.Name, totals.Count, totals[0], Quantile(totals, 0.25), Quantile(totals, 0.5), Quantile(totals, 0.75), totals[^1],
                    totals.Average(), f?.StdDev, f?.CorrelationWithOthers);
        }).ToList();

        return new AwardSheetModel(frame, round, summary.Aggregation, query, tiers, [.. unplacedPaging.Take(unplaced).Select(ToAward)], unplacedPaging,
            specialsTask.Result, panel, summary.Agreement, [.. casesPaging.Take(caseLines)], casesPaging, settings.Tiers);
    }

    /// <summary>Linear interpolation between order statistics (the spreadsheet's QUARTILE.INC), over sorted values.</summary>
    static double Quantile(List<double> sorted, double q)
    {
        var at = q * (sorted.Count - 1);
        var low = (int)Math.Floor(at);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (at - low) * (sorted[high] - sorted[low]);
    }
}
