using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Management;

/// <summary>The management API on the real Server: instances by status, status, history, suspend, resume,
/// terminate, restart, purge, the audit trail (JSON and CSV), health and the OpenAPI document.</summary>
[Collection("azurite")]
public sealed class ManagementApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task InstanceLifecycle_SuspendResumeTerminateRestartPurge_AuditedAndVisible()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var http = server.Client;
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", GoyangRound.Definition("mgmt-2024", now.AddHours(1), now.AddHours(2))))).StatusCode);
        await WaitForStatusAsync(server, "mgmt-2024", "Running");

        // Listing by status, the DF-style status document, the history.
        var running = await GetJsonAsync(server, "/api/instances?runtimeStatus=Running,Pending");
        Assert.Contains(running.EnumerateArray(), i => i.GetProperty("instanceId").GetString() == "mgmt-2024");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(server.Operator(HttpMethod.Get, "/api/instances?runtimeStatus=Sleeping"))).StatusCode);
        var status = await GetJsonAsync(server, "/api/instances/mgmt-2024");
        Assert.Equal("RoundOrchestrator", status.GetProperty("name").GetString());
        Assert.Equal("mgmt-2024", status.GetProperty("input").GetProperty("roundId").GetString());
        Assert.Equal("submission", status.GetProperty("customStatus").GetProperty("phase").GetString());
        var history = await GetJsonAsync(server, "/api/instances/mgmt-2024/history");
        Assert.Equal("ExecutionStarted", history[0].GetProperty("eventType").GetString());
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("eventType").GetString() == "TaskScheduled" && e.GetProperty("name").GetString() == "SendDistrictInvitations");

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/instances/mgmt-2024/suspend?reason=check"))).StatusCode);
        await WaitForStatusAsync(server, "mgmt-2024", "Suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/instances/mgmt-2024/resume"))).StatusCode);
        await WaitForStatusAsync(server, "mgmt-2024", "Running");

        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(server.Operator(HttpMethod.Delete, "/api/instances/mgmt-2024"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/instances/mgmt-2024/restart"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/instances/mgmt-2024/terminate?reason=test"))).StatusCode);
        await WaitForStatusAsync(server, "mgmt-2024", "Terminated");
        Assert.Equal(HttpStatusCode.Gone, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/instances/mgmt-2024/terminate"))).StatusCode);
        var terminated = await GetJsonAsync(server, "/api/instances?runtimeStatus=Terminated");
        Assert.Contains(terminated.EnumerateArray(), i => i.GetProperty("instanceId").GetString() == "mgmt-2024");

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/instances/mgmt-2024/restart"))).StatusCode);
        await WaitForStatusAsync(server, "mgmt-2024", "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/instances/mgmt-2024/terminate"))).StatusCode);
        await WaitForStatusAsync(server, "mgmt-2024", "Terminated");

        var purge = await http.SendAsync(server.Operator(HttpMethod.Delete, "/api/instances/mgmt-2024"));
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(server.Operator(HttpMethod.Get, "/api/instances/mgmt-2024"))).StatusCode);

        // The product's own record survives the purge, with every operator action in the audit trail.
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(server.Operator(HttpMethod.Get, "/api/rounds/mgmt-2024"))).StatusCode);
        var rounds = await GetJsonAsync(server, "/api/rounds");
        Assert.Contains(rounds.EnumerateArray(), r => r.GetProperty("id").GetString() == "mgmt-2024");
        var audit = await GetJsonAsync(server, "/api/rounds/mgmt-2024/audit");
        var actions = audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["round-created", "instance-suspended", "instance-resumed", "instance-terminated", "instance-restarted", "instance-terminated", "instance-purged"], actions);
        Assert.All(audit.EnumerateArray().Skip(1), a => Assert.Equal("operator", a.GetProperty("actor").GetString()));
        Assert.Contains("Running", audit[3].GetProperty("before").GetString(), StringComparison.Ordinal);

        var csvRequest = server.Operator(HttpMethod.Get, "/api/rounds/mgmt-2024/audit");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await http.SendAsync(csvRequest)).Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,actor,action,subject,before,after", lines[0]);
        Assert.Equal(8, lines.Length);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/rounds/mgmt-2024/audit")).StatusCode);
    }

    [Fact]
    public async Task Healthz_StorageAndEngineUp_Healthy()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);

        var response = await server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("storage").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("durableWorker").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_CoversEveryApiEndpointWithSummaries()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);

        var document = await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        var operations = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value))).ToList();
        foreach (var expected in new[]
        {
            ("/api/rounds", "post"), ("/api/rounds", "get"), ("/api/rounds/{roundId}", "get"), ("/api/rounds/{roundId}/close-submissions", "post"),
            ("/api/rounds/{roundId}/publish", "post"), ("/api/rounds/{roundId}/cases/{districtId}", "put"), ("/api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}", "put"),
            ("/api/rounds/{roundId}/special-awards", "post"), ("/api/rounds/{roundId}/results", "get"), ("/api/rounds/{roundId}/audit", "get"),
            ("/api/rounds/{roundId}/instances", "get"), ("/api/rounds/{roundId}/history", "delete"), ("/api/instances", "get"),
            ("/api/instances/{instanceId}", "get"), ("/api/instances/{instanceId}", "delete"), ("/api/instances/{instanceId}/history", "get"),
            ("/api/instances/{instanceId}/terminate", "post"), ("/api/instances/{instanceId}/suspend", "post"), ("/api/instances/{instanceId}/resume", "post"),
            ("/api/instances/{instanceId}/restart", "post"),
        })
        {
            Assert.Contains(operations, o => o.Path == expected.Item1 && o.Method == expected.Item2);
        }

        Assert.All(operations.Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)), o => Assert.True(o.Operation.TryGetProperty("summary", out _), $"{o.Method} {o.Path} has no summary"));
        var create = operations.Single(o => o.Path == "/api/rounds" && o.Method == "post").Operation;
        Assert.Equal("goyang-2024", create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("id").GetString());
        Assert.True(create.GetProperty("responses").TryGetProperty("409", out _));
        Assert.DoesNotContain(operations, o => o.Path.StartsWith("/ops", StringComparison.Ordinal));

        // The load balancer's probe is not part of the integrators' API (it has no credential and no 4xx).
        Assert.DoesNotContain(operations, o => o.Path == "/healthz");
    }

    [Fact]
    public async Task Scalar_OnlyInDevelopment_ServedFromTheServerItself()
    {
        await using (var production = await WelfareServer.StartAsync(azurite.ConnectionString))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await production.Client.GetAsync("/scalar")).StatusCode);
        }

        await using var development = await WelfareServer.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string> { ["environment"] = "Development" });
        var page = await development.Client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
    }

    static async Task<JsonElement> GetJsonAsync(WelfareServer server, string path)
    {
        var response = await server.Client.SendAsync(server.Operator(HttpMethod.Get, path));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static async Task WaitForStatusAsync(WelfareServer server, string instanceId, string runtimeStatus)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var response = await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/instances/{instanceId}"));
            var current = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString() : response.StatusCode.ToString();
            if (current == runtimeStatus) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{instanceId} stayed {current}, expected {runtimeStatus}.");
            await Task.Delay(200);
        }
    }
}
