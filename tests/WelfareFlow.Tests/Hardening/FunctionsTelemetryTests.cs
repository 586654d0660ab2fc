using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>
/// Issue 10, point 6, Functions host. What reaches Application Insights there, read in the sources (Azure/azure-webjobs-sdk
/// at f79ea0b, Azure/azure-functions-host at 89dc438):
/// <list type="bullet">
/// <item>Request telemetry: with <c>httpAutoCollectionOptions.enableHttpTriggerExtendedInfoCollection: false</c> the
/// RequestTrackingTelemetryModule is not registered (Microsoft.Azure.WebJobs.Logging.ApplicationInsights/Extensions/
/// ApplicationInsightsServiceCollectionExtensions.cs) and ApplicationInsightsLogger.StartTelemetryIfFunctionInvocation
/// starts the request as <c>StartOperation&lt;RequestTelemetry&gt;(functionName)</c>: named after the function, no URL,
/// no path, no headers; it adds the function's result values (name, invocation id, trigger reason, duration, success)
/// and the client IP. Operators keep one request per call, with duration and success.</item>
/// <item>Dependency telemetry: the host forwards each HTTP call to the worker with YARP over a SocketsHttpHandler
/// (WebJobs.Script.Grpc/Server/DefaultHttpProxyService.cs), which the DependencyTrackingTelemetryModule records with the
/// full worker URL — <c>http://127.0.0.1:…/judge/{token}</c>. Nothing filters it in that version (a filter for
/// localhost dependencies came later: azure-functions-host pull request 11609), so host.json turns dependency
/// tracking off (<c>enableDependencyTracking: false</c>); in the isolated model the host's dependencies are only that
/// hop and its own storage calls.</item>
/// <item>Traces: the worker's logs go to the host and from there to Application Insights. Every logger of the worker
/// masks tokens and keys first (AddWelfareFlowCore → AddSecretRedaction), checked below by capturing what the worker's
/// logger providers receive. The worker registers no Application Insights or OpenTelemetry exporter of its own.</item>
/// </list>
/// Not verifiable here: the Functions host itself (it cannot run on this machine), so neither what it actually sends
/// nor the host's own platform logs (SystemTraceMiddleware logs the path to the platform's system log, not to the
/// app's Application Insights, by our reading).
/// </summary>
[Collection("azurite")]
public sealed class FunctionsTelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public void HostJson_RequestTelemetryWithoutUrl_NoDependencyTelemetry()
    {
        var root = ReadmeExamplesTests.RepositoryRoot();
        var insights = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "WelfareFlow.Functions", "host.json")))!["logging"]?["applicationInsights"];

        Assert.False((bool?)insights?["httpAutoCollectionOptions"]?["enableHttpTriggerExtendedInfoCollection"] ?? true);
        Assert.False((bool?)insights?["enableDependencyTracking"] ?? true);
        // Requests are never sampled away: the operators' count of calls stays whole.
        Assert.Contains("Request", ((string?)insights?["samplingSettings"]?["excludedTypes"] ?? "").Split(';'));
        var program = File.ReadAllText(Path.Combine(root, "src", "WelfareFlow.Functions", "Program.cs"));
        Assert.DoesNotContain("ApplicationInsights", program, StringComparison.Ordinal);
        Assert.DoesNotContain("AddOpenTelemetry", program, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_LinkPagesAndApiCalls_LogsSentTowardsTheHost_CarryNoTokenOrKey()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "telemetry-functions");
        await round.CloseSubmissionsAsync();
        var options = server.Services.GetRequiredService<IOptions<Configuration.WelfareFlowOptions>>().Value;
        var logs = new CapturingLoggerProvider();
        await using (var functions = await FunctionsFrontDoor.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["WelfareFlow:TaskHub"] = options.TaskHub,
            ["WelfareFlow:OperatorApiKey"] = options.OperatorApiKey,
            ["WelfareFlow:SigningKey"] = options.SigningKey,
            ["Mail:PickupDirectory"] = Path.Combine(server.Folder, "mail"),
            // Everything the worker can log, so the request paths are in it.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        }, logs: logs))
        {
            var district = round.SubmitTokens["gobong"];
            var judge = round.JudgeTokens["judge-1"];
            Assert.Equal(HttpStatusCode.OK, (await functions.Client.GetAsync($"/submit/{district}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await functions.Client.GetAsync($"/judge/{judge}?lang=en")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await functions.Client.GetAsync($"/judge/{judge}x")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await functions.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Get, $"/api/rounds/{round.Id}"))).StatusCode);
            var put = WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round.Id}/cases/gobong", district, new { title = "사례", summary = "요약", category = "돌봄" });
            Assert.Equal(HttpStatusCode.Conflict, (await functions.Client.SendAsync(put)).StatusCode);
        }

        var text = logs.Text();
        // The capture is real: ASP.NET Core logged each request with its path, the token part masked.
        Assert.True(text.Contains("/judge/[redacted]", StringComparison.Ordinal), text[..Math.Min(text.Length, 6000)]);
        Assert.Contains("/submit/[redacted]", text, StringComparison.Ordinal);
        string[] secrets = [round.SubmitTokens["gobong"], round.JudgeTokens["judge-1"], options.OperatorApiKey, options.SigningKey];
        foreach (var secret in secrets) Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }
}
