using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using WelfareFlow.Cases;
using WelfareFlow.Contracts;
using WelfareFlow.Links;

namespace WelfareFlow.Http;

/// <summary>What districts and judges do through their links, over the API: submit a case, score a case.
/// The work is in <see cref="CaseSubmissions"/> and <see cref="Scoring"/>, shared with the pages.</summary>
public static class CaseEndpoints
{
    public static async Task<Results<Created<CaseDocument>, Ok<CaseDocument>, ValidationProblem, ProblemHttpResult>> PutCase(
        HttpContext http, CaseSubmissions submissions, string roundId, string districtId)
    {
        var (_, denied) = await Access.RequireLinkAsync(http, Access.BearerToken(http), LinkPurposes.Submit, roundId, districtId);
        if (denied is not null) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<CaseSubmission>(http.Request);
        if (bodyError is not null) return bodyError;

        var outcome = await submissions.SubmitAsync(roundId, districtId, body!, http.RequestAborted);
        return ToResult(outcome, $"/api/rounds/{roundId}/cases/{districtId}");
    }

    public static async Task<Results<Created<ScoreDocument>, Ok<ScoreDocument>, ValidationProblem, ProblemHttpResult>> PutScore(
        HttpContext http, DurableTaskClient durable, Scoring scoring, string roundId, string districtId, string judgeId)
    {
        var (judge, denied) = await Access.RequireLinkAsync(http, Access.BearerToken(http), LinkPurposes.Judge, roundId, judgeId);
        if (denied is not null) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<ScoreSubmission>(http.Request);
        if (bodyError is not null) return bodyError;

        var outcome = await scoring.SaveAsync(durable, roundId, districtId, judgeId, body!, http.RequestAborted, judge);
        return ToResult(outcome, $"/api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}");
    }

    /// <summary>The API's reading of an outcome: 201 with Location, 200, or an RFC 7807 refusal.</summary>
    public static Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult> ToResult<T>(Outcome<T> outcome, string location) => outcome.Status switch
    {
        OutcomeStatus.Created => TypedResults.Created(location, outcome.Value),
        OutcomeStatus.Updated => TypedResults.Ok(outcome.Value),
        OutcomeStatus.Invalid => Problems.Validation(outcome.Errors),
        OutcomeStatus.NotFound => Problems.NotFound(outcome.Detail),
        OutcomeStatus.TooLarge => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: outcome.Detail),
        OutcomeStatus.UnsupportedType => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: outcome.Detail),
        _ => Problems.Conflict(outcome.Detail),
    };
}
