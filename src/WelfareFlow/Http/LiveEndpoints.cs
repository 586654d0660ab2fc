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
    public static RouteGroupBuilder MapPresentationDay(this RouteGroupBuilder rounds)
    {
        rounds.MapPut("/{roundId}/running-order", SetRunningOrder)
            .WithName("SetRunningOrder").WithTags("Presentation day").WithSummary("Set the running order of a live round")
            .WithDescription("Operator (X-Api-Key). { \"order\": [districtId, …] }, a permutation of the submitted cases (else 400); 409 if the round is not live, not judging yet, or a case was opened already.")
            .Accepts<RunningOrderRequest>("application/json").Produces<RunningOrder>(StatusCodes.Status200OK).WithProblems(400, 401, 404, 409);
        rounds.MapPost("/{roundId}/cases/{districtId}/open", Open)
            .WithName("OpenCase").WithTags("Presentation day").WithSummary("Open a case: it is presenting and can be scored")
            .WithDescription("Operator (X-Api-Key). 409 while another case is open, if the case is final, or the round is not live or not judging.")
            .Produces<CaseOpened>(StatusCodes.Status202Accepted).WithProblems(401, 404, 409);
        rounds.MapPost("/{roundId}/cases/{districtId}/close", Close)
            .WithName("CloseCase").WithTags("Presentation day").WithSummary("Close a case's scoring")
            .WithDescription("Operator (X-Api-Key). The case becomes final with the scores present if its quorum holds, else it escalates as at a deadline.")
            .Produces<CaseClosing>(StatusCodes.Status202Accepted).WithProblems(401, 404, 409);
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

    /// <summary>RFC 7807 problem responses in the OpenAPI description.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder = status == StatusCodes.Status400BadRequest ? builder.ProducesValidationProblem() : builder.ProducesProblem(status);
        }

        return builder;
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
