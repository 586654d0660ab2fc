using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;

namespace WelfareFlow.Functions.Http;

/// <summary>Operator endpoints of a round (DESIGN §5), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public static class RoundFunctions
{
    [Function(nameof(CreateRound))]
    public static Task<IResult> CreateRound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        RoundEndpoints.Create(req.HttpContext, client);

    [Function(nameof(GetRound))]
    public static Task<IResult> GetRound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}")] HttpRequest req,
        string roundId) =>
        RoundEndpoints.Get(req.HttpContext, roundId);

    [Function(nameof(CloseSubmissions))]
    public static Task<IResult> CloseSubmissions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/close-submissions")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        RoundEndpoints.CloseSubmissions(req.HttpContext, client, roundId);

    [Function(nameof(PublishRound))]
    public static Task<IResult> PublishRound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/publish")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        RoundEndpoints.Publish(req.HttpContext, client, roundId);
}
