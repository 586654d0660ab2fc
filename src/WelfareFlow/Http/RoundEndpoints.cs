using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using WelfareFlow.Contracts;
using WelfareFlow.Live;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Http;

/// <summary>Operator endpoints of a round: create, view, close intake, approve publication. Handlers take their
/// services as parameters and name every answer in their result type (the OpenAPI document reads it).</summary>
public static class RoundEndpoints
{
    public static async Task<Results<Created<RoundView>, ValidationProblem, ProblemHttpResult>> Create(
        HttpContext http, DurableTaskClient durable, RoundStore rounds, CaseStore cases, ScoreStore scores, PresentationDay day, AuditLog audit, TimeProvider time)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var (definition, bodyError) = await RequestBody.ReadAsync<RoundDefinition>(http.Request);
        if (bodyError is not null) return bodyError;
        (definition, var invalid, var conflict) = await RoundStages.ResolveAsync(http.RequestServices, definition!, http.RequestAborted);
        if (invalid is not null) return invalid;
        if (conflict is not null) return conflict;
        var errors = RoundDefinitionRules.Validate(definition!, http.RequestServices);
        if (errors.Count > 0) return Problems.Validation(errors);

        var now = time.GetUtcNow();
        var id = definition!.Id!;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(definition, Json.Options))));
        var row = RoundDefinitionRules.ToRow(definition, hash, now);

        var existing = await rounds.GetAsync(id, http.RequestAborted);
        if (existing is not null && (existing.Ready || existing.RequestHash != hash) || existing is null && !await rounds.TryAddAsync(row, http.RequestAborted))
        {
            return Problems.Conflict($"A round with id '{id}' exists already.");
        }

        // From here on a retry of the same request resumes: every step below is idempotent.
        await rounds.SaveParticipantsAsync(id, RoundDefinitionRules.Rows(definition.Districts!), RoundDefinitionRules.Rows(definition.Judges!), http.RequestAborted);
        await RoundStages.PrepareAsync(http.RequestServices, definition, http.RequestAborted);
        if (await durable.GetInstanceAsync(id, http.RequestAborted) is null)
        {
            var input = new RoundInput(id, row.SubmissionDeadline, row.JudgingDeadline, row.RequireApproval, row.Settings().ReminderEvery);
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), input, new StartOrchestrationOptions { InstanceId = id }, http.RequestAborted);
        }

        await rounds.UpdateAsync(id, r =>
        {
            if (r.Ready) return false;
            r.Ready = true;
            return true;
        }, http.RequestAborted);
        await audit.AppendAsync(id, "operator", "round-created", id, after: new { definition.Title, districts = definition.Districts!.Count, judges = definition.Judges!.Count }, cancellationToken: http.RequestAborted);
        return TypedResults.Created($"/api/rounds/{id}", await ViewAsync(rounds, cases, scores, day, id, http.RequestAborted));
    }

    public static async Task<Results<Ok<RoundView>, ProblemHttpResult>> Get(HttpContext http, RoundStore rounds, CaseStore cases, ScoreStore scores, PresentationDay day, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var view = await ViewAsync(rounds, cases, scores, day, roundId, http.RequestAborted);
        return view is null ? Problems.NotFound($"There is no round '{roundId}'.") : TypedResults.Ok(view);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> CloseSubmissions(
        HttpContext http, DurableTaskClient durable, RoundStore rounds, WorkflowActivities activities, AuditLog audit, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var round = await rounds.GetAsync(roundId, http.RequestAborted);
        if (round is null) return Problems.NotFound($"There is no round '{roundId}'.");
        if (round.Phase != RoundPhase.Submission) return Problems.Conflict("Submissions are closed already.");

        // Close here, so the 202 means no submission is accepted any more; the orchestration's own close is then a no-op.
        await activities.CloseIntake(new RoundRef(roundId));
        await durable.RaiseEventAsync(roundId, nameof(SubmissionsClosed), new SubmissionsClosed("operator"), http.RequestAborted);
        await audit.AppendAsync(roundId, "operator", "submissions-closed", roundId, cancellationToken: http.RequestAborted);
        return TypedResults.Accepted($"/api/rounds/{roundId}");
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> Publish(HttpContext http, DurableTaskClient durable, RoundStore rounds, AuditLog audit, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var round = await rounds.GetAsync(roundId, http.RequestAborted);
        if (round is null) return Problems.NotFound($"There is no round '{roundId}'.");
        if (!round.RequireApproval) return Problems.Conflict("This round publishes by itself; it does not require approval.");
        if (round.Phase != RoundPhase.Review) return Problems.Conflict($"The round is in phase '{WireNames.ToWire(round.Phase)}'; only a round in review can be published.");

        await durable.RaiseEventAsync(roundId, nameof(PublicationApproved), new PublicationApproved("operator"), http.RequestAborted);
        await audit.AppendAsync(roundId, "operator", "publication-approved", roundId, cancellationToken: http.RequestAborted);
        return TypedResults.Accepted($"/api/rounds/{roundId}/results");
    }

    static async Task<RoundView?> ViewAsync(RoundStore rounds, CaseStore caseStore, ScoreStore scoreStore, PresentationDay day, string roundId, CancellationToken cancellationToken)
    {
        // Read together, and only the columns the view shows: at thousands of cases this is most of its time.
        var roundRead = rounds.GetAsync(roundId, cancellationToken);
        var judgesRead = rounds.GetJudgesAsync(roundId, cancellationToken);
        var casesRead = caseStore.ListStatusesAsync(roundId, cancellationToken);
        var scoresRead = scoreStore.ListPointsAsync(roundId, cancellationToken);
        await Task.WhenAll(roundRead, judgesRead, casesRead, scoresRead);
        var round = await roundRead;
        if (round is null) return null;
        var judges = await judgesRead;
        var cases = await casesRead;
        var scores = (await scoresRead).Where(s => s.Scored || s.Recused).ToLookup(s => s.DistrictId, StringComparer.Ordinal);
        var submitted = cases.Where(c => c.Status != CaseStatus.NotSubmitted).ToList();
        var settings = round.Settings();
        var live = settings.Judging == JudgingMode.Live ? await day.SnapshotAsync(roundId, submitted, cancellationToken) : null;
        var caseViews = submitted.OrderBy(c => c.RowKey, StringComparer.Ordinal)
            .Select(c =>
            {
                var settled = scores[c.RowKey].ToDictionary(s => s.JudgeId, s => s.Scored ? "scored" : "recused", StringComparer.Ordinal);
                var seats = settled.Select(s => (s.Key, s.Value)).Concat(JudgeSeats.Pending(judges, settled.Keys.ToHashSet(StringComparer.Ordinal)).Select(j => (j.RowKey, "pending")));
                return new CaseView(c.RowKey, WireNames.ToWire(c.Status), seats.OrderBy(s => s.Item1, StringComparer.Ordinal).ToDictionary(s => s.Item1, s => s.Item2), live?.Order.GetValueOrDefault(c.RowKey));
            })
            .ToList();
        return new RoundView(round.PartitionKey, round.Title, WireNames.ToWire(round.Phase), round.SubmissionDeadline, round.JudgingDeadline, caseViews,
            WireNames.ToWire(settings.Judging ?? JudgingMode.Remote), live?.Current, settings.FinalistsOf);
    }
}
