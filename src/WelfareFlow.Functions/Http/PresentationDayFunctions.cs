using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;
using WelfareFlow.Pages;

namespace WelfareFlow.Functions.Http;

/// <summary>The presentation day and recusals (issue 11), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public static class PresentationDayFunctions
{
    [Function(nameof(SetRunningOrder))]
    public static Task<IResult> SetRunningOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/running-order")] HttpRequest req,
        string roundId) =>
        LiveEndpoints.SetRunningOrder(req.HttpContext, roundId);

    [Function(nameof(OpenCase))]
    public static Task<IResult> OpenCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/open")] HttpRequest req,
        string roundId, string districtId) =>
        LiveEndpoints.Open(req.HttpContext, roundId, districtId);

    [Function(nameof(CloseCase))]
    public static Task<IResult> CloseCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/close")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId, string districtId) =>
        LiveEndpoints.Close(req.HttpContext, client, roundId, districtId);

    [Function(nameof(RecuseJudge))]
    public static Task<IResult> RecuseJudge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/recusals/{judgeId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId, string districtId, string judgeId) =>
        RecusalEndpoints.Recuse(req.HttpContext, client, roundId, districtId, judgeId);

    [Function(nameof(JudgePageRecusal))]
    public static Task<IResult> JudgePageRecusal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "judge/{token}/cases/{districtId}/recusal")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string token, string districtId)
    {
        // The link pages' security headers, as the Server's page group adds them.
        PageLayout.ApplyHeaders(req.HttpContext);
        return JudgePage.PostRecusal(req.HttpContext, client, token, districtId);
    }
}
