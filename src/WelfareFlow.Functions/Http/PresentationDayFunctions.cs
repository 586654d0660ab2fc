using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;
using WelfareFlow.Live;
using WelfareFlow.Pages;

namespace WelfareFlow.Functions.Http;

/// <summary>The presentation day and recusals (issue 11), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public sealed class PresentationDayFunctions(PresentationDay day, Recusals recusals)
{
    [Function(nameof(SetRunningOrder))]
    public async Task<IResult> SetRunningOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/running-order")] HttpRequest req,
        string roundId) =>
        await LiveEndpoints.SetRunningOrder(req.HttpContext, day, roundId);

    [Function(nameof(OpenCase))]
    public async Task<IResult> OpenCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/open")] HttpRequest req,
        string roundId, string districtId) =>
        await LiveEndpoints.Open(req.HttpContext, day, roundId, districtId);

    [Function(nameof(CloseCase))]
    public async Task<IResult> CloseCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/close")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId, string districtId) =>
        await LiveEndpoints.Close(req.HttpContext, client, day, roundId, districtId);

    [Function(nameof(RecuseJudge))]
    public async Task<IResult> RecuseJudge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/recusals/{judgeId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId, string districtId, string judgeId) =>
        await RecusalEndpoints.Recuse(req.HttpContext, client, recusals, roundId, districtId, judgeId);

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
