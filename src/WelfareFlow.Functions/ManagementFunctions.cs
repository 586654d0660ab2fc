using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;

namespace WelfareFlow.Functions;

/// <summary>
/// The operators' management API and <c>/healthz</c> (issue 5), routed to the handlers the Server maps in
/// <see cref="ManagementEndpoints"/>. The dashboard under <c>/ops</c> and Scalar are the Server's only: on Azure,
/// operators use this API (or the Durable Functions tooling) instead. The OpenAPI document is served by both.
/// </summary>
public static class ManagementFunctions
{
    [Function(nameof(ListRounds))]
    public static Task<IResult> ListRounds(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds")] HttpRequest req) =>
        ManagementEndpoints.ListRounds(req.HttpContext);

    [Function(nameof(GetRoundInstances))]
    public static Task<IResult> GetRoundInstances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/instances")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        ManagementEndpoints.RoundInstances(req.HttpContext, client, roundId);

    [Function(nameof(GetAudit))]
    public static Task<IResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/audit")] HttpRequest req,
        string roundId) =>
        ManagementEndpoints.Audit(req.HttpContext, roundId);

    [Function(nameof(PurgeRoundHistory))]
    public static Task<IResult> PurgeRoundHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/rounds/{roundId}/history")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId) =>
        ManagementEndpoints.PurgeRoundHistory(req.HttpContext, client, roundId);

    [Function(nameof(ListInstances))]
    public static Task<IResult> ListInstances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/instances")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        ManagementEndpoints.ListInstances(req.HttpContext, client, req.Query["runtimeStatus"], req.Query["instanceIdPrefix"],
            int.TryParse(req.Query["top"], out var top) ? top : null);

    [Function(nameof(GetInstance))]
    public static Task<IResult> GetInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/instances/{instanceId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        ManagementEndpoints.Status(req.HttpContext, client, instanceId);

    [Function(nameof(GetInstanceHistory))]
    public static Task<IResult> GetInstanceHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/instances/{instanceId}/history")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        ManagementEndpoints.History(req.HttpContext, client, instanceId);

    [Function(nameof(TerminateInstance))]
    public static Task<IResult> TerminateInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/instances/{instanceId}/terminate")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        ManagementEndpoints.Terminate(req.HttpContext, client, instanceId, req.Query["reason"]);

    [Function(nameof(SuspendInstance))]
    public static Task<IResult> SuspendInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/instances/{instanceId}/suspend")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        ManagementEndpoints.Suspend(req.HttpContext, client, instanceId, req.Query["reason"]);

    [Function(nameof(ResumeInstance))]
    public static Task<IResult> ResumeInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/instances/{instanceId}/resume")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        ManagementEndpoints.Resume(req.HttpContext, client, instanceId, req.Query["reason"]);

    [Function(nameof(RestartInstance))]
    public static Task<IResult> RestartInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/instances/{instanceId}/restart")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        ManagementEndpoints.Restart(req.HttpContext, client, instanceId);

    [Function(nameof(PurgeInstance))]
    public static Task<IResult> PurgeInstance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/instances/{instanceId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId) =>
        ManagementEndpoints.Purge(req.HttpContext, client, instanceId);

    [Function(nameof(Health))]
    public static Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        ManagementEndpoints.Health(req.HttpContext, client);
}
