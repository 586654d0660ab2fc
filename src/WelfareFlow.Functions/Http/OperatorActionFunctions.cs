using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;

namespace WelfareFlow.Functions.Http;

/// <summary>Operator interventions in a running round (issue 4), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public static class OperatorActionFunctions
{
    [Function(nameof(ReissueDistrictLink))]
    public static Task<IResult> ReissueDistrictLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/districts/{districtId}/reissue-link")] HttpRequest req,
        string roundId, string districtId) =>
        OperatorActionEndpoints.ReissueDistrictLink(req.HttpContext, roundId, districtId);

    [Function(nameof(ReissueJudgeLink))]
    public static Task<IResult> ReissueJudgeLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/judges/{judgeId}/reissue-link")] HttpRequest req,
        string roundId, string judgeId) =>
        OperatorActionEndpoints.ReissueJudgeLink(req.HttpContext, roundId, judgeId);

    [Function(nameof(ReplaceJudge))]
    public static Task<IResult> ReplaceJudge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/judges/{judgeId}/replace")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId, string judgeId) =>
        OperatorActionEndpoints.ReplaceJudge(req.HttpContext, client, roundId, judgeId);

    [Function(nameof(ExtendDeadline))]
    public static Task<IResult> ExtendDeadline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/extend-deadline")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        OperatorActionEndpoints.ExtendDeadline(req.HttpContext, client, roundId);

    [Function(nameof(ProceedCase))]
    public static Task<IResult> ProceedCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/proceed")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId, string districtId) =>
        OperatorActionEndpoints.Proceed(req.HttpContext, client, roundId, districtId);
}
