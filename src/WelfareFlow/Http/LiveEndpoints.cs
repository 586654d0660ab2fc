using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using WelfareFlow.Live;
using WelfareFlow.Workflow;

namespace WelfareFlow.Http;

public sealed record RunningOrderRequest(IReadOnlyList<string>? Order);

/// <summary>The operator's presentation day over the API (DESIGN §5.1): running order, open and close a case.</summary>
public static class LiveEndpoints
{
    /// <summary>Maps the day's routes; their OpenAPI description is in <see cref="OpenApi.ApiDocumentation"/> with the rest.</summary>
    public static RouteGroupBuilder MapPresentationDay(this RouteGroupBuilder rounds)
    {
        rounds.MapPut("/{roundId}/running-order", SetRunningOrder);
        rounds.MapPost("/{roundId}/cases/{districtId}/open", Open);
        rounds.MapPost("/{roundId}/cases/{districtId}/close", Close);
        return rounds;
    }

    public static async Task<Results<Ok<RunningOrder>, ValidationProblem, ProblemHttpResult>> SetRunningOrder(HttpContext http, PresentationDay day, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<RunningOrderRequest>(http.Request);
        if (bodyError is not null) return bodyError;
        var result = await day.SetOrderAsync(roundId, body!.Order, http.RequestAborted);
        return result.Status switch
        {
            OperatorActionStatus.Accepted => TypedResults.Ok((RunningOrder)result.Body!),
            OperatorActionStatus.Invalid => Problems.Validation(result.Errors ?? []),
            _ => Refusal(result),
        };
    }

    public static async Task<Results<Accepted<CaseOpened>, ProblemHttpResult>> Open(HttpContext http, PresentationDay day, string roundId, string districtId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        return Accepted<CaseOpened>(roundId, await day.OpenAsync(roundId, districtId, http.RequestAborted));
    }

    public static async Task<Results<Accepted<CaseClosing>, ProblemHttpResult>> Close(HttpContext http, DurableTaskClient durable, PresentationDay day, string roundId, string districtId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        return Accepted<CaseClosing>(roundId, await day.CloseAsync(roundId, districtId, durable, http.RequestAborted));
    }

    /// <summary>Opening and closing take no body, so their refusals are 404 or 409, never field errors.</summary>
    static Results<Accepted<T>, ProblemHttpResult> Accepted<T>(string roundId, OperatorActionResult result) =>
        result.Status == OperatorActionStatus.Accepted ? TypedResults.Accepted($"/api/rounds/{roundId}", (T)result.Body!) : Refusal(result);

    static ProblemHttpResult Refusal(OperatorActionResult result) =>
        result.Status == OperatorActionStatus.NotFound ? Problems.NotFound(result.Detail ?? "Not found.") : Problems.Conflict(result.Detail ?? "Conflict.");
}
