using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Storage;

namespace WelfareFlow.Http;

/// <summary>Results of a round and its special awards.</summary>
public static class ResultEndpoints
{
    public static async Task<Results<Created<SpecialAwardView>, ValidationProblem, ProblemHttpResult>> AddSpecialAward(
        HttpContext http, RoundStore rounds, ResultStore results, AuditLog audit, TimeProvider time, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<SpecialAwardRequest>(http.Request);
        if (bodyError is not null) return bodyError;

        var round = await rounds.GetAsync(roundId, http.RequestAborted);
        if (round is null) return Problems.NotFound($"There is no round '{roundId}'.");

        var errors = new List<ValidationError>();
        var district = string.IsNullOrWhiteSpace(body!.DistrictId) ? null : await rounds.GetDistrictAsync(roundId, body.DistrictId, http.RequestAborted);
        if (district is null) errors.Add(new("districtId", "districtId must name a district of this round."));
        if (string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > 200) errors.Add(new("title", "title is required (at most 200 characters)."));
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 2000) errors.Add(new("reason", "reason is required (at most 2000 characters)."));
        if (errors.Count > 0) return Problems.Validation(errors);
        if (round.Phase == RoundPhase.Published) return Problems.Conflict("Results are published; special awards can no longer be added.");

        var now = time.GetUtcNow();
        var award = new SpecialAwardView(district!.RowKey, district.Name, body.Title!.Trim(), body.Reason!.Trim(), now);
        var key = $"{now.UtcTicks:D19}|{district.RowKey}";
        await results.AddSpecialAsync(roundId, key, award, http.RequestAborted);
        await audit.AppendAsync(roundId, "operator", "special-award-added", district.RowKey, after: award, cancellationToken: http.RequestAborted);
        return TypedResults.Created($"/api/rounds/{roundId}/special-awards/{Uri.EscapeDataString(key)}", award);
    }

    /// <summary>JSON, or with <c>Accept: text/csv</c> the CSV export (its media type is documented by ApiDocumentation).</summary>
    public static async Task<Results<Ok<ResultsView>, FileContentHttpResult, ProblemHttpResult>> Get(HttpContext http, RoundStore rounds, ResultStore resultStore, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        if (await rounds.GetAsync(roundId, http.RequestAborted) is null) return Problems.NotFound($"There is no round '{roundId}'.");
        var stored = await resultStore.GetAsync<CaseResult, ResultSummary>(roundId, http.RequestAborted);
        if (stored is null) return Problems.Conflict("Results are not allocated yet: judging is still running.");

        var (summary, cases) = stored.Value;
        var names = (await rounds.GetDistrictsAsync(roundId, http.RequestAborted)).ToDictionary(d => d.RowKey, d => d.Name, StringComparer.Ordinal);
        var awards = cases.OrderBy(c => c.Rank ?? int.MaxValue).ThenBy(c => c.CaseId, StringComparer.Ordinal)
            .Select(c => new AwardView(c.CaseId, names.GetValueOrDefault(c.CaseId, c.CaseId), c.Rank, c.Score is { } s ? Math.Round(s, 2, MidpointRounding.AwayFromZero) : null, c.TierId, c.TierLabel, c.Explanation))
            .ToList();
        var view = new ResultsView(roundId, summary.Aggregation, awards, await resultStore.ListSpecialAsync<SpecialAwardView>(roundId, http.RequestAborted), summary.Agreement, summary.Sensitivity);

        return Csv.IsWanted(http.Request) ? TypedResults.File(ResultsCsv(view), "text/csv; charset=utf-8", $"{roundId}-results.csv") : TypedResults.Ok(view);
    }

    static byte[] ResultsCsv(ResultsView view) => Csv.Utf8WithBom(
        view.Awards.Select(award => new[]
        {
            award.Rank?.ToString(CultureInfo.InvariantCulture), award.DistrictId, award.DistrictName,
            award.Score?.ToString("0.00", CultureInfo.InvariantCulture), award.Tier, award.TierLabel,
            string.Join("; ", view.SpecialAwards.Where(s => s.DistrictId == award.DistrictId).Select(s => s.Title)),
        }).Prepend(["rank", "districtId", "districtName", "score", "tier", "tierLabel", "specialAward"]));
}
