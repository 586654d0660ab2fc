using System.Text.Json.Nodes;

namespace WelfareFlow.Tests.Hardening;

/// <summary>Issue 10, point 6, Functions host: its Application Insights request telemetry would carry the request
/// path, and a link page's path is a credential (<c>/submit/{token}</c>). The host is told to leave the HTTP
/// details out; the worker adds no request telemetry of its own (its Program.cs registers no instrumentation).</summary>
public sealed class FunctionsTelemetryTests
{
    [Fact]
    public void HostJson_HttpTriggerExtendedInfo_Off()
    {
        var root = ReadmeExamplesTests.RepositoryRoot();
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "WelfareFlow.Functions", "host.json")))!;

        Assert.False((bool?)host["logging"]?["applicationInsights"]?["httpAutoCollectionOptions"]?["enableHttpTriggerExtendedInfoCollection"] ?? true);
        var program = File.ReadAllText(Path.Combine(root, "src", "WelfareFlow.Functions", "Program.cs"));
        Assert.DoesNotContain("AddAspNetCoreInstrumentation", program, StringComparison.Ordinal);
    }
}
