using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;
using WelfareFlow.Workflow;

namespace WelfareFlow.Functions.Http;

/// <summary>Operator interventions in a running round (issue 4), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public sealed class OperatorActionFunctions(OperatorActions actions)
{
    [Function(nameof(ReissueDistrictLink))]
    public async Task<IResult> ReissueDistrictLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/districts/{districtId}/reissue-link")] HttpRequest req,
        string roundId, string districtId) =>
        await OperatorActionEndpoints.ReissueDistrictLink(req.HttpContext, actions, roundId, districtId);

    [Function(nameof(ReissueJudgeLink))]
    public async Task<IResult> ReissueJudgeLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/judges/{judgeId}/reissue-link")] HttpRequest req,
        string roundId, string judgeId) =>
        await OperatorActionEndpoints.ReissueJudgeLink(req.HttpContext, actions, roundId, judgeId);

    [Function(nameof(ReplaceJudge))]
    public async Task<IResult> ReplaceJudge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/judges/{judgeId}/replace")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId, string judgeId) =>
        await OperatorActionEndpoints.ReplaceJudge(req.HttpContext, client, actions, roundId, judgeId);

    [Function(nameof(ExtendDeadline))]
    public async Task<IResult> ExtendDeadline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/extend-deadline")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        await OperatorActionEndpoints.ExtendDeadline(req.HttpContext, client, actions, roundId);

    [Function(nameof(ProceedCase))]
    public async Task<IResult> ProceedCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/proceed")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId, string districtId) =>
        await OperatorActionEndpoints.Proceed(req.HttpContext, client, actions, roundId, districtId);
}
