using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;
using WelfareFlow.Live;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Functions.Http;

/// <summary>Operator endpoints of a round (DESIGN §5), routed to the handlers the Server maps in <see cref="ApiRoutes"/>;
/// the services the handlers take come from the worker's container through this class's constructor.</summary>
public sealed class RoundFunctions(RoundStore rounds, CaseStore cases, ScoreStore scores, PresentationDay day, AuditLog audit, TimeProvider time, WorkflowActivities activities)
{
    [Function(nameof(CreateRound))]
    public async Task<IResult> CreateRound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        await RoundEndpoints.Create(req.HttpContext, client, rounds, cases, scores, day, audit, time);

    [Function(nameof(GetRound))]
    public async Task<IResult> GetRound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}")] HttpRequest req,
        string roundId) =>
        await RoundEndpoints.Get(req.HttpContext, rounds, cases, scores, day, roundId);

    [Function(nameof(CloseSubmissions))]
    public async Task<IResult> CloseSubmissions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/close-submissions")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        await RoundEndpoints.CloseSubmissions(req.HttpContext, client, rounds, activities, audit, roundId);

    [Function(nameof(PublishRound))]
    public async Task<IResult> PublishRound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/publish")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        await RoundEndpoints.Publish(req.HttpContext, client, rounds, audit, roundId);
}
