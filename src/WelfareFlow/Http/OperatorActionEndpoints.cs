using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using WelfareFlow.Evaluation;
using WelfareFlow.Links;
using WelfareFlow.Workflow;

namespace WelfareFlow.Http;

public sealed record ExtendDeadlineRequest(DateTimeOffset? JudgingDeadline);

/// <summary>
/// An operator's interventions in a running round (issue 4): re-issue a link, extend the judging deadline,
/// replace a judge, let a late case proceed. All answer 202 with what was done; 400, 404, 409 as problems.
/// </summary>
public static class OperatorActionEndpoints
{
    public static Task<Results<Accepted<ReissuedLink>, ValidationProblem, ProblemHttpResult>> ReissueDistrictLink(HttpContext http, OperatorActions actions, string roundId, string districtId) =>
        RunAsync<ReissuedLink>(http, () => actions.ReissueLinkAsync(roundId, LinkPurposes.Submit, districtId, http.RequestAborted));

    public static Task<Results<Accepted<ReissuedLink>, ValidationProblem, ProblemHttpResult>> ReissueJudgeLink(HttpContext http, OperatorActions actions, string roundId, string judgeId) =>
        RunAsync<ReissuedLink>(http, () => actions.ReissueLinkAsync(roundId, LinkPurposes.Judge, judgeId, http.RequestAborted));

    public static async Task<Results<Accepted<DeadlineExtended>, ValidationProblem, ProblemHttpResult>> ExtendDeadline(HttpContext http, DurableTaskClient durable, OperatorActions actions, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<ExtendDeadlineRequest>(http.Request);
        if (bodyError is not null) return bodyError;
        return await RunAsync<DeadlineExtended>(http, () => actions.ExtendDeadlineAsync(roundId, body!.JudgingDeadline, durable, http.RequestAborted), checkedOperator: true);
    }

    public static async Task<Results<Accepted<JudgeReplacement>, ValidationProblem, ProblemHttpResult>> ReplaceJudge(HttpContext http, DurableTaskClient durable, OperatorActions actions, string roundId, string judgeId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<Participant>(http.Request);
        if (bodyError is not null) return bodyError;
        return await RunAsync<JudgeReplacement>(http, () => actions.ReplaceJudgeAsync(roundId, judgeId, body, durable, http.RequestAborted), checkedOperator: true);
    }

    public static Task<Results<Accepted<CaseProceeding>, ValidationProblem, ProblemHttpResult>> Proceed(HttpContext http, DurableTaskClient durable, OperatorActions actions, string roundId, string districtId) =>
        RunAsync<CaseProceeding>(http, () => actions.ProceedAsync(roundId, districtId, durable, http.RequestAborted));

    /// <summary>Runs the action and reads its result; <typeparamref name="TBody"/> is the body the action answers when accepted.</summary>
    static async Task<Results<Accepted<TBody>, ValidationProblem, ProblemHttpResult>> RunAsync<TBody>(HttpContext http, Func<Task<OperatorActionResult>> action, bool checkedOperator = false)
    {
        if (!checkedOperator && Access.RequireOperator(http) is { } denied) return denied;
        var result = await action();
        return result.Status switch
        {
            OperatorActionStatus.Accepted => TypedResults.Accepted(http.Request.Path.Value is { } path ? RoundPath(path) : null, (TBody)result.Body!),
            OperatorActionStatus.Invalid => Problems.Validation(result.Errors ?? []),
            OperatorActionStatus.NotFound => Problems.NotFound(result.Detail ?? "Not found."),
            _ => Problems.Conflict(result.Detail ?? "Conflict."),
        };
    }

    /// <summary>Where to watch the effect: the round (<c>/api/rounds/{roundId}</c>).</summary>
    static string RoundPath(string path) => string.Join('/', path.Split('/').Take(4));
}
