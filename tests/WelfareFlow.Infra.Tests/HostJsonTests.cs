using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WelfareFlow.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed partial class HostJsonTests(CompiledTemplate template)
{
    private static JsonNode HostJson { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "WelfareFlow.Functions", "host.json")))!;

    private static JsonNode DurableTask => HostJson["extensions"]!["durableTask"]!;

    [Fact]
    public void HostJson_IsVersion2_WithoutExtensionBundle()
    {
        Assert.Equal("2.0", (string?)HostJson["version"]);
        // Isolated .NET brings its extensions through the worker's NuGet packages.
        Assert.Null(HostJson["extensionBundle"]);
    }

    [Fact]
    public void HubName_ResolvesFromTheSettingTheInfraWrites()
    {
        // The host resolves %name% through IConfiguration, where the app setting WelfareFlow__TaskHub
        // (the only form Linux allows) appears as WelfareFlow:TaskHub.
        var match = SettingReference().Match((string?)DurableTask["hubName"] ?? string.Empty);
        Assert.True(match.Success, "hubName must be a %setting% reference");
        var envName = match.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal);

        var settings = Assert.Single(template.ResourcesOfType("Microsoft.Web/sites/config"))["properties"]!.AsObject();
        Assert.True(settings.ContainsKey(envName), $"infra does not set {envName}");
    }

    [Fact]
    public void StorageProvider_PollsAtMostEverySecond()
    {
        var provider = DurableTask["storageProvider"]!;
        Assert.Equal("AzureStorage", (string?)provider["type"]);
        Assert.True(TimeSpan.Parse((string)provider["maxQueuePollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture) <= TimeSpan.FromSeconds(1));
        Assert.InRange((int)provider["partitionCount"]!, 1, 16);
    }

    [GeneratedRegex("^%([^%]+)%$")]
    private static partial Regex SettingReference();
}
