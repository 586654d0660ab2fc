using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
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

    public static async Task<IResult> SetRunningOrder(HttpContext http, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<RunningOrderRequest>(http.Request);
        if (bodyError is not null) return bodyError;
        var result = await Day(http).SetOrderAsync(roundId, body!.Order, http.RequestAborted);
        return result.Status == OperatorActionStatus.Accepted ? TypedResults.Ok(result.Body) : Refusal(result);
    }

    public static async Task<IResult> Open(HttpContext http, string roundId, string districtId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        return Accepted(roundId, await Day(http).OpenAsync(roundId, districtId, http.RequestAborted));
    }

    public static async Task<IResult> Close(HttpContext http, DurableTaskClient durable, string roundId, string districtId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        return Accepted(roundId, await Day(http).CloseAsync(roundId, districtId, durable, http.RequestAborted));
    }

    static PresentationDay Day(HttpContext http) => http.RequestServices.GetRequiredService<PresentationDay>();

    static IResult Accepted(string roundId, OperatorActionResult result) =>
        result.Status == OperatorActionStatus.Accepted ? TypedResults.Accepted($"/api/rounds/{roundId}", result.Body) : Refusal(result);

    static IResult Refusal(OperatorActionResult result) => result.Status switch
    {
        OperatorActionStatus.Invalid => Problems.Validation(result.Errors ?? []),
        OperatorActionStatus.NotFound => Problems.NotFound(result.Detail ?? "Not found."),
        _ => Problems.Conflict(result.Detail ?? "Conflict."),
    };
}
