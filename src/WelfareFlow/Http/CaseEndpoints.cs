using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Links;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Http;

/// <summary>What districts and judges do through their links: submit a case, score a case.</summary>
public static class CaseEndpoints
{
    const int MaxTitle = 200, MaxSummary = 20_000, MaxCategory = 100, MaxComment = 5_000;

    public static async Task<IResult> PutCase(HttpContext http, string roundId, string districtId)
    {
        var (_, denied) = await Access.RequireLinkAsync(http, Access.BearerToken(http), LinkPurposes.Submit, roundId, districtId);
        if (denied is not null) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<CaseSubmission>(http.Request);
        if (bodyError is not null) return bodyError;
        var errors = new List<ValidationError>();
        Text(errors, "title", body!.Title, MaxTitle);
        Text(errors, "summary", body.Summary, MaxSummary);
        Text(errors, "category", body.Category, MaxCategory);
        if (errors.Count > 0) return Problems.Validation(errors);

        var services = http.RequestServices;
        var round = await services.GetRequiredService<RoundStore>().GetAsync(roundId, http.RequestAborted);
        if (round is null) return Problems.NotFound($"There is no round '{roundId}'.");
        if (round.Phase != RoundPhases.Submission) return Problems.Conflict("Submissions are closed.");

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (outcome, before, after) = await services.GetRequiredService<CaseStore>()
            .SubmitAsync(roundId, districtId, body.Title!.Trim(), body.Summary!.Trim(), body.Category!.Trim(), now, http.RequestAborted);
        if (outcome == WriteOutcome.Closed) return Problems.Conflict("Submissions are closed.");

        await services.GetRequiredService<AuditLog>().AppendAsync(roundId, $"district:{districtId}", outcome == WriteOutcome.Created ? "case-submitted" : "case-edited", districtId,
            before is null ? null : new { before.Title, before.Summary, before.Category }, new { after!.Title, after.Summary, after.Category }, http.RequestAborted);
        var document = new CaseDocument(roundId, districtId, after.Title, after.Summary, after.Category, after.Status, after.Revision, after.UpdatedAt);
        return outcome == WriteOutcome.Created ? Results.Created($"/api/rounds/{roundId}/cases/{districtId}", document) : Results.Ok(document);
    }

    public static async Task<IResult> PutScore(HttpContext http, DurableTaskClient durable, string roundId, string districtId, string judgeId)
    {
        var (_, denied) = await Access.RequireLinkAsync(http, Access.BearerToken(http), LinkPurposes.Judge, roundId, judgeId);
        if (denied is not null) return denied;
        var (body, bodyError) = await RequestBody.ReadAsync<ScoreSubmission>(http.Request);
        if (bodyError is not null) return bodyError;

        var services = http.RequestServices;
        var round = await services.GetRequiredService<RoundStore>().GetAsync(roundId, http.RequestAborted);
        if (round is null) return Problems.NotFound($"There is no round '{roundId}'.");
        var rubric = WorkflowActivities.Settings(round).Rubric;
        var errors = ScoreValidator.Validate(rubric, body!.Criteria).ToList();
        if (body.Comment is { Length: > MaxComment }) errors.Add(new("comment", $"The comment is longer than {MaxComment} characters."));
        if (errors.Count > 0) return Problems.Validation(errors);

        var caseRow = await services.GetRequiredService<CaseStore>().GetAsync(roundId, districtId, http.RequestAborted);
        if (caseRow is null || caseRow.Status == CaseStatuses.NotSubmitted) return Problems.NotFound($"There is no case of '{districtId}' in this round.");
        if (caseRow.Status == CaseStatuses.Submitted) return Problems.Conflict("Judging has not started yet.");
        if (caseRow.Status == CaseStatuses.Final) return Problems.Conflict("This case is final; scores can no longer change.");

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var criteriaJson = JsonSerializer.Serialize(body.Criteria, Json.Options);
        var (outcome, before, after) = await services.GetRequiredService<ScoreStore>()
            .SaveAsync(roundId, districtId, judgeId, criteriaJson, body.Comment?.Trim() ?? "", now, http.RequestAborted);
        if (outcome == WriteOutcome.Closed) return Problems.Conflict("This case is final; scores can no longer change.");

        await services.GetRequiredService<AuditLog>().AppendAsync(roundId, $"judge:{judgeId}", outcome == WriteOutcome.Created ? "score-entered" : "score-revised", $"{districtId}/{judgeId}",
            before is { Scored: true } ? new { criteria = before.CriteriaJson, before.Comment } : null, new { criteria = after!.CriteriaJson, after.Comment }, http.RequestAborted);
        await NotifyCaseAsync(durable, services, roundId, districtId, new ScoreSubmitted(judgeId, after.Revision), http.RequestAborted);

        var document = new ScoreDocument(roundId, districtId, judgeId, body.Criteria!, after.Comment, body.Criteria!.Values.Sum(), after.Revision);
        return outcome == WriteOutcome.Created ? Results.Created($"/api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}", document) : Results.Ok(document);
    }

    /// <summary>Wakes the case orchestration. The score is already stored, so a failed notice only delays
    /// the case until its next check; the judge's request still succeeds.</summary>
    static async Task NotifyCaseAsync(DurableTaskClient durable, IServiceProvider services, string roundId, string districtId, ScoreSubmitted notice, CancellationToken cancellationToken)
    {
        try
        {
            await durable.RaiseEventAsync(InstanceIds.Case(roundId, districtId), WorkflowEvents.Score(notice.JudgeId), notice, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CaseEndpoints))
                .LogWarning(e, "Could not notify case {RoundId}/{DistrictId} of a score by {JudgeId}", roundId, districtId, notice.JudgeId);
        }
    }

    static void Text(List<ValidationError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, $"{field} is required."));
        else if (value.Length > max) errors.Add(new(field, $"{field} is longer than {max} characters."));
    }
}
