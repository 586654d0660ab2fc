using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;
using WelfareFlow.Storage;

namespace WelfareFlow.Functions;

/// <summary>
/// The operators' management API and <c>/healthz</c> (issue 5), routed to the handlers the Server maps in
/// <see cref="ManagementEndpoints"/>. The dashboard under <c>/ops</c> and Scalar are the Server's only: on Azure,
/// operators use this API (or the Durable Functions tooling) instead. The OpenAPI document is served by both.
/// </summary>
public sealed class ManagementFunctions(RoundStore rounds, AuditLog audit)
{
    [Function(nameof(ListRounds))]
    public async Task<IResult> ListRounds(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds")] HttpRequest req) =>
        await ManagementEndpoints.ListRounds(req.HttpContext, rounds);

    [Function(nameof(GetRoundInstances))]
    public async Task<IResult> GetRoundInstances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/instances")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        await ManagementEndpoints.RoundInstances(req.HttpContext, client, rounds, roundId);

    [Function(nameof(GetAudit))]
    public async Task<IResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/audit")] HttpRequest req,
        string roundId) =>
        await ManagementEndpoints.Audit(req.HttpContext, rounds, audit, roundId);

    [Function(nameof(PurgeRoundHistory))]
    public async Task<IResult> PurgeRoundHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/rounds/{roundId}/history")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        await ManagementEndpoints.PurgeRoundHistory(req.HttpContext, client, rounds, audit, roundId);

    [Function(nameof(ListInstances))]
    public async Task<IResult> ListInstances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/instances")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        await ManagementEndpoints.ListInstances(req.HttpContext, client, req.Query["runtimeStatus"], req.Query["instanceIdPrefix"],
            int.TryParse(req.Query["top"], out var top) ? top : null);

    [Function(nameof(GetInstance))]
    public async Task<IResult> GetInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/instances/{instanceId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        await ManagementEndpoints.Status(req.HttpContext, client, instanceId);

    [Function(nameof(GetInstanceHistory))]
    public async Task<IResult> GetInstanceHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/instances/{instanceId}/history")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        await ManagementEndpoints.History(req.HttpContext, client, instanceId);

    [Function(nameof(TerminateInstance))]
    public async Task<IResult> TerminateInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/instances/{instanceId}/terminate")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        await ManagementEndpoints.Terminate(req.HttpContext, client, audit, instanceId, req.Query["reason"]);

    [Function(nameof(SuspendInstance))]
    public async Task<IResult> SuspendInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/instances/{instanceId}/suspend")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        await ManagementEndpoints.Suspend(req.HttpContext, client, audit, instanceId, req.Query["reason"]);

    [Function(nameof(ResumeInstance))]
    public async Task<IResult> ResumeInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/instances/{instanceId}/resume")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        await ManagementEndpoints.Resume(req.HttpContext, client, audit, instanceId, req.Query["reason"]);

    [Function(nameof(RestartInstance))]
    public async Task<IResult> RestartInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/instances/{instanceId}/restart")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        await ManagementEndpoints.Restart(req.HttpContext, client, audit, instanceId);

    [Function(nameof(PurgeInstance))]
    public async Task<IResult> PurgeInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/instances/{instanceId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        await ManagementEndpoints.Purge(req.HttpContext, client, audit, instanceId);

    [Function(nameof(Health))]
    public async Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        await ManagementEndpoints.Health(req.HttpContext, client);
}
