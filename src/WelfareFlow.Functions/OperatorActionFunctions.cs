using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;
using WelfareFlow.Workflow;

namespace WelfareFlow.Functions;

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

/// <summary>The activities added for deadlines and late people, named as the orchestrators call them.</summary>
public sealed class DeadlineActivityFunctions(WorkflowActivities activities)
{
    [Function(nameof(WorkflowActivities.GetRoundSchedule))]
    public Task<RoundSchedule> GetRoundSchedule([ActivityTrigger] RoundRef input) => activities.GetRoundSchedule(input);

    [Function(nameof(WorkflowActivities.SendSubmissionReminders))]
    public Task<bool> SendSubmissionReminders([ActivityTrigger] RoundRef input) => activities.SendSubmissionReminders(input);

    [Function(nameof(WorkflowActivities.GetCaseSeats))]
    public Task<CaseSeats> GetCaseSeats([ActivityTrigger] CaseRef input) => activities.GetCaseSeats(input);
}
