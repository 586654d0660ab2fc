using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using WelfareFlow.Links;
using WelfareFlow.Live;

namespace WelfareFlow.Http;

/// <summary>A judge's recusal from a case (conflict of interest), by the judge's link or by an operator (DESIGN §5.1).</summary>
public static class RecusalEndpoints
{
    public static RouteGroupBuilder MapRecusals(this RouteGroupBuilder rounds)
    {
        rounds.MapPost("/{roundId}/cases/{districtId}/recusals/{judgeId}", Recuse);
        return rounds;
    }

    /// <summary>With <c>X-Api-Key</c> an operator records it; otherwise the bearer token must be that judge's link.</summary>
    public static async Task<Results<Created<RecusalDocument>, Ok<RecusalDocument>, ValidationProblem, ProblemHttpResult>> Recuse(
        HttpContext http, DurableTaskClient durable, Recusals recusals, string roundId, string districtId, string judgeId)
    {
        string actor;
        if (http.Request.Headers.ContainsKey(Access.ApiKeyHeader))
        {
            if (Access.RequireOperator(http) is { } denied) return denied;
            actor = "operator";
        }
        else
        {
            var (_, denied) = await Access.RequireLinkAsync(http, Access.BearerToken(http), LinkPurposes.Judge, roundId, judgeId);
            if (denied is not null) return denied;
            actor = $"judge:{judgeId}";
        }

        var (body, bodyError) = await RequestBody.ReadAsync<RecusalRequest>(http.Request);
        if (bodyError is not null) return bodyError;
        var outcome = await recusals.RecordAsync(durable, roundId, districtId, judgeId, body!, actor, http.RequestAborted);
        return CaseEndpoints.ToResult(outcome, $"/api/rounds/{roundId}/cases/{districtId}/recusals/{judgeId}");
    }
}
