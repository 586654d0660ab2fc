using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Http.OpenApi;
using WelfareFlow.Http.Rules;
using WelfareFlow.Ops;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Http;

/// <summary>
/// Operators' management API over the durable instances behind rounds and cases, modelled on the Durable
/// Functions HTTP management API (status, history, terminate, suspend, resume, restart, purge), plus the
/// round list, a round's instances and its audit trail. Every change is appended to the audit log.
/// </summary>
public static class ManagementEndpoints
{
    const string Operator = "operator";

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/rounds").WithWelfareFlowOpenApi();
        rounds.MapGet("/", (Delegate)ListRounds);
        rounds.MapGet("/{roundId}/instances", RoundInstances);
        rounds.MapGet("/{roundId}/audit", Audit);
        rounds.MapDelete("/{roundId}/history", PurgeRoundHistory);

        var instances = app.MapGroup("/api/instances").WithWelfareFlowOpenApi();
        instances.MapGet("/", ListInstances);
        instances.MapGet("/{instanceId}", Status);
        instances.MapGet("/{instanceId}/history", History);
        instances.MapPost("/{instanceId}/terminate", Terminate);
        instances.MapPost("/{instanceId}/suspend", Suspend);
        instances.MapPost("/{instanceId}/resume", Resume);
        instances.MapPost("/{instanceId}/restart", Restart);
        instances.MapDelete("/{instanceId}", Purge);
        return app;
    }

    public static async Task<Results<Ok<List<RoundSummary>>, ProblemHttpResult>> ListRounds(HttpContext http, RoundStore rounds)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var rows = await rounds.ListRoundsAsync(http.RequestAborted);
        return TypedResults.Ok(rows.Select(r => new RoundSummary(r.PartitionKey, r.Title, WireNames.ToWire(r.Phase), r.SubmissionDeadline, r.JudgingDeadline, r.CreatedAt, r.ClosedAt, r.AllocatedAt, r.PublishedAt, r.RequireApproval)).ToList());
    }

    public static async Task<Results<Ok<List<InstanceStatus>>, ProblemHttpResult>> RoundInstances(HttpContext http, DurableTaskClient durable, RoundStore rounds, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        if (await rounds.GetAsync(roundId, http.RequestAborted) is null) return Problems.NotFound($"There is no round '{roundId}'.");
        var found = await RoundInstancesAsync(durable, roundId, http.RequestAborted);
        return TypedResults.Ok(found.Select(ToStatus).ToList());
    }

    /// <summary>The audit trail of a round, oldest first; <c>text/csv</c> (UTF-8 with BOM) when asked.</summary>
    public static async Task<Results<Ok<List<AuditEntry>>, FileContentHttpResult, ProblemHttpResult>> Audit(HttpContext http, RoundStore rounds, AuditLog audit, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        if (await rounds.GetAsync(roundId, http.RequestAborted) is null) return Problems.NotFound($"There is no round '{roundId}'.");
        var entries = await audit.ListAsync(roundId, http.RequestAborted);
        return Csv.IsWanted(http.Request) ? TypedResults.File(AuditCsv(entries), "text/csv; charset=utf-8", $"{roundId}-audit.csv") : TypedResults.Ok(entries);
    }

    public static async Task<Results<Ok<List<InstanceStatus>>, ValidationProblem, ProblemHttpResult>> ListInstances(HttpContext http, DurableTaskClient durable, string? runtimeStatus, string? instanceIdPrefix, int? top)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in (runtimeStatus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                return Problems.Validation("runtimeStatus", $"'{name}' is not a runtime status; use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
            }

            statuses.Add(status);
        }

        var limit = Math.Clamp(top ?? 100, 1, 1000);
        var query = new OrchestrationQuery { Statuses = statuses.Count > 0 ? statuses : null, InstanceIdPrefix = instanceIdPrefix, PageSize = Math.Min(limit, 100), FetchInputsAndOutputs = false };
        var found = new List<InstanceStatus>();
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(http.RequestAborted))
        {
            found.Add(ToStatus(instance));
            if (found.Count >= limit) break;
        }

        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<InstanceStatus>, ProblemHttpResult>> Status(HttpContext http, DurableTaskClient durable, string instanceId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, http.RequestAborted);
        return instance is null ? Problems.NotFound($"There is no instance '{instanceId}'.") : TypedResults.Ok(ToStatus(instance));
    }

    public static async Task<Results<Ok<List<HistoryEntry>>, ProblemHttpResult>> History(HttpContext http, DurableTaskClient durable, string instanceId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        if (await durable.GetInstanceAsync(instanceId, http.RequestAborted) is null) return Problems.NotFound($"There is no instance '{instanceId}'.");
        return TypedResults.Ok(await HistoryAsync(http.RequestServices, durable, instanceId, http.RequestAborted));
    }

    public static Task<Results<Accepted, ProblemHttpResult>> Terminate(HttpContext http, DurableTaskClient durable, AuditLog audit, string instanceId, string? reason) =>
        ChangeAsync(http, durable, audit, instanceId, "instance-terminated", running: true, (id, ct) =>
            durable.TerminateInstanceAsync(id, new TerminateInstanceOptions(reason ?? "Terminated by an operator.", Recursive: true), ct));

    public static Task<Results<Accepted, ProblemHttpResult>> Suspend(HttpContext http, DurableTaskClient durable, AuditLog audit, string instanceId, string? reason) =>
        ChangeAsync(http, durable, audit, instanceId, "instance-suspended", running: true, (id, ct) => durable.SuspendInstanceAsync(id, reason ?? "Suspended by an operator.", ct));

    public static Task<Results<Accepted, ProblemHttpResult>> Resume(HttpContext http, DurableTaskClient durable, AuditLog audit, string instanceId, string? reason) =>
        ChangeAsync(http, durable, audit, instanceId, "instance-resumed", running: true, (id, ct) => durable.ResumeInstanceAsync(id, reason ?? "Resumed by an operator.", ct));

    /// <summary>Starts a finished (failed, terminated) instance again with its original input and the same id.</summary>
    public static Task<Results<Accepted, ProblemHttpResult>> Restart(HttpContext http, DurableTaskClient durable, AuditLog audit, string instanceId) =>
        ChangeAsync(http, durable, audit, instanceId, "instance-restarted", running: false, (id, ct) => durable.RestartAsync(id, restartWithNewInstanceId: false, ct));

    /// <summary>Deletes a finished instance's durable history; the product's own tables (and this audit entry) keep the record.</summary>
    public static async Task<Results<Ok<PurgeOutcome>, ProblemHttpResult>> Purge(HttpContext http, DurableTaskClient durable, AuditLog audit, string instanceId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var instance = await durable.GetInstanceAsync(instanceId, http.RequestAborted);
        if (instance is null) return Problems.NotFound($"There is no instance '{instanceId}'.");
        if (!IsFinished(instance.RuntimeStatus)) return Problems.Conflict($"The instance is {instance.RuntimeStatus}; only finished instances can be purged.");
        var result = await durable.PurgeInstanceAsync(instanceId, cancellation: http.RequestAborted);
        await AuditAsync(http, audit, instanceId, "instance-purged", instance.RuntimeStatus.ToString(), new { purged = result.PurgedInstanceCount });
        return TypedResults.Ok(new PurgeOutcome(result.PurgedInstanceCount));
    }

    /// <summary>Purges every finished instance of a round (the round's and its cases').</summary>
    public static async Task<Results<Ok<PurgeOutcome>, ProblemHttpResult>> PurgeRoundHistory(HttpContext http, DurableTaskClient durable, RoundStore rounds, AuditLog audit, string roundId)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        if (await rounds.GetAsync(roundId, http.RequestAborted) is null) return Problems.NotFound($"There is no round '{roundId}'.");
        var purged = 0;
        var finished = (await RoundInstancesAsync(durable, roundId, http.RequestAborted)).Where(i => IsFinished(i.RuntimeStatus)).ToList();
        foreach (var instance in finished)
        {
            purged += (await durable.PurgeInstanceAsync(instance.InstanceId, cancellation: http.RequestAborted)).PurgedInstanceCount;
        }

        await audit.AppendAsync(roundId, Operator, "history-purged", roundId,
            new { instances = finished.Select(i => i.InstanceId).ToList() }, new { purged }, http.RequestAborted);
        return TypedResults.Ok(new PurgeOutcome(purged));
    }

    /// <summary><c>/healthz</c>: 200 when storage answers and the durable engine answers a query, else 503.</summary>
    public static async Task<IResult> Health(HttpContext http, DurableTaskClient durable)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var storage = await CheckAsync(async () =>
        {
            var tables = http.RequestServices.GetRequiredService<WelfareTables>();
            await tables.EnsureCreatedAsync().WaitAsync(timeout.Token);
            return await tables.IsReachableAsync(timeout.Token);
        });
        var engine = await CheckAsync(async () =>
        {
            await foreach (var _ in durable.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages(pageSizeHint: 1).WithCancellation(timeout.Token)) break;
            return true;
        });
        var healthy = storage && engine;
        // Load balancers and clients wait this long before asking again, as after any 503 of the API.
        if (!healthy) http.Response.Headers.RetryAfter = FaultAnswers.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Json(
            new HealthReport(healthy ? "healthy" : "unhealthy", new Dictionary<string, string> { ["storage"] = State(storage), ["durableWorker"] = State(engine) }),
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);

        static string State(bool ok) => ok ? "healthy" : "unhealthy";
    }

    /// <summary>The round's instance and its cases' (<c>{roundId}.{districtId}</c>), with inputs and outputs.</summary>
    public static async Task<List<OrchestrationMetadata>> RoundInstancesAsync(DurableTaskClient durable, string roundId, CancellationToken cancellationToken)
    {
        var found = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { InstanceIdPrefix = roundId, FetchInputsAndOutputs = true, PageSize = 100 };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.InstanceId == roundId || instance.InstanceId.StartsWith(roundId + ".", StringComparison.Ordinal)) found.Add(instance);
        }

        return [.. found.OrderBy(i => i.InstanceId == roundId ? 0 : 1).ThenBy(i => i.InstanceId, StringComparer.Ordinal)];
    }

    /// <summary>The instance's history events, oldest first; the engine's own replay markers are left out.</summary>
    public static Task<List<HistoryEntry>> HistoryAsync(IServiceProvider services, DurableTaskClient durable, string instanceId, CancellationToken cancellationToken) =>
        (services.GetService<IOrchestrationHistoryReader>() ?? new ClientHistoryReader(durable)).ReadAsync(instanceId, cancellationToken);

    public static InstanceStatus ToStatus(OrchestrationMetadata instance) => new(
        instance.Name,
        instance.InstanceId,
        instance.RuntimeStatus.ToString(),
        Parse(instance.SerializedInput),
        Parse(instance.SerializedCustomStatus),
        Parse(instance.SerializedOutput),
        instance.CreatedAt,
        instance.LastUpdatedAt,
        instance.FailureDetails is { } failure ? new InstanceFailure(failure.ErrorType, failure.ErrorMessage, failure.StackTrace) : null);

    public static bool IsFinished(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>The round an instance belongs to: instance ids are the round id, or <c>{roundId}.{districtId}</c>.</summary>
    public static string RoundOf(string instanceId) => instanceId.Split('.')[0];

    public static byte[] AuditCsv(IEnumerable<AuditEntry> entries) => Csv.Utf8WithBom(
        entries.Select(e => new[] { e.At.ToString("O", CultureInfo.InvariantCulture), e.Actor, e.Action, e.Subject, e.Before, e.After })
            .Prepend(["at", "actor", "action", "subject", "before", "after"]));

    static async Task<Results<Accepted, ProblemHttpResult>> ChangeAsync(HttpContext http, DurableTaskClient durable, AuditLog audit, string instanceId, string action, bool running, Func<string, CancellationToken, Task> change)
    {
        if (Access.RequireOperator(http) is { } denied) return denied;
        var instance = await durable.GetInstanceAsync(instanceId, http.RequestAborted);
        if (instance is null) return Problems.NotFound($"There is no instance '{instanceId}'.");
        if (running && IsFinished(instance.RuntimeStatus))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: $"The instance is {instance.RuntimeStatus} already.");
        }

        if (!running && !IsFinished(instance.RuntimeStatus))
        {
            return Problems.Conflict($"The instance is {instance.RuntimeStatus}; only a finished instance can be restarted.");
        }

        await change(instanceId, http.RequestAborted);
        await AuditAsync(http, audit, instanceId, action, instance.RuntimeStatus.ToString(), null);
        return TypedResults.Accepted($"/api/instances/{Uri.EscapeDataString(instanceId)}");
    }

    static Task AuditAsync(HttpContext http, AuditLog audit, string instanceId, string action, string before, object? after) =>
        audit.AppendAsync(RoundOf(instanceId), Operator, action, instanceId,
            new { runtimeStatus = before }, after, http.RequestAborted);

    static async Task<bool> CheckAsync(Func<Task<bool>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>The engine's JSON (inputs, outputs, custom status use its own PascalCase names) in the API's camelCase.</summary>
    static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.SerializeToElement(CamelCase(System.Text.Json.Nodes.JsonNode.Parse(json)), Json.Options);
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }

    static System.Text.Json.Nodes.JsonNode? CamelCase(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.ToList().Select(p => KeyValuePair.Create(JsonNamingPolicy.CamelCase.ConvertName(p.Key), CamelCase(p.Value)))),
        System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray([.. a.Select(CamelCase)]),
        _ => node?.DeepClone(),
    };
}

public sealed record RoundSummary(string Id, string Title, string Phase, DateTimeOffset SubmissionDeadline, DateTimeOffset JudgingDeadline, DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt, DateTimeOffset? AllocatedAt, DateTimeOffset? PublishedAt, bool RequireApproval);

/// <summary>An instance's status in the shape of the Durable Functions HTTP management API.</summary>
public sealed record InstanceStatus(string Name, string InstanceId, string RuntimeStatus, JsonElement? Input, JsonElement? CustomStatus, JsonElement? Output,
    DateTimeOffset CreatedTime, DateTimeOffset LastUpdatedTime, InstanceFailure? FailureDetails);

public sealed record InstanceFailure(string ErrorType, string ErrorMessage, string? StackTrace);

public sealed record HistoryEntry(int EventId, string EventType, DateTimeOffset Timestamp, string? Name, string? Detail);

public sealed record PurgeOutcome(int InstancesDeleted);

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);
