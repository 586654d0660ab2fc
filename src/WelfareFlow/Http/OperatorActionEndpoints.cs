using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
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
    public static Task<IResult> ReissueDistrictLink(HttpContext http, string roundId, string districtId) =>
        RunAsync(http, actions => actions.ReissueLinkAsync(roundId, LinkPurposes.Submit, districtId, http.RequestAborted));

    public static Task<IResult> ReissueJudgeLink(HttpContext http, string roundId, string judgeId) =>
        RunAsync(http, actions => actions.ReissueLinkAsync(roundId, LinkPurposes.Judge, judgeId, http.RequestAborted));

    public static async Task<IResult> ExtendDeadline(HttpContext http, DurableTaskClient durable, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<ExtendDeadlineRequest>(http.Request);
        if (bodyError is not null) return bodyError;
        return await RunAsync(http, actions => actions.ExtendDeadlineAsync(roundId, body!.JudgingDeadline, durable, http.RequestAborted), checkedOperator: true);
    }

    public static async Task<IResult> ReplaceJudge(HttpContext http, DurableTaskClient durable, string roundId, string judgeId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<Participant>(http.Request);
        if (bodyError is not null) return bodyError;
        return await RunAsync(http, actions => actions.ReplaceJudgeAsync(roundId, judgeId, body, durable, http.RequestAborted), checkedOperator: true);
    }

    public static Task<IResult> Proceed(HttpContext http, DurableTaskClient durable, string roundId, string districtId) =>
        RunAsync(http, actions => actions.ProceedAsync(roundId, districtId, durable, http.RequestAborted));

    static async Task<IResult> RunAsync(HttpContext http, Func<OperatorActions, Task<OperatorActionResult>> action, bool checkedOperator = false)
    {
        if (!checkedOperator && Access.RequireOperator(http) is { } denied) return denied;
        var result = await action(http.RequestServices.GetRequiredService<OperatorActions>());
        return result.Status switch
        {
            OperatorActionStatus.Accepted => Results.Accepted(http.Request.Path.Value is { } path ? RoundPath(path) : null, result.Body),
            OperatorActionStatus.Invalid => Problems.Validation(result.Errors ?? []),
            OperatorActionStatus.NotFound => Problems.NotFound(result.Detail ?? "Not found."),
            _ => Problems.Conflict(result.Detail ?? "Conflict."),
        };
    }

    /// <summary>Where to watch the effect: the round (<c>/api/rounds/{roundId}</c>).</summary>
    static string RoundPath(string path) => string.Join('/', path.Split('/').Take(4));
}
