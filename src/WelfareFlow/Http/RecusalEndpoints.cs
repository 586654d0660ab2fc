using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
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

    public static async Task<IResult> Recuse(HttpContext http, DurableTaskClient durable, string roundId, string districtId, string judgeId)
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
        var outcome = await http.RequestServices.GetRequiredService<Recusals>().RecordAsync(durable, roundId, districtId, judgeId, body!, actor, http.RequestAborted);
        return CaseEndpoints.ToResult(outcome, $"/api/rounds/{roundId}/cases/{districtId}/recusals/{judgeId}");
    }
}
