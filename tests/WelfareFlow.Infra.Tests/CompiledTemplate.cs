using System.Text.Json.Nodes;

namespace WelfareFlow.Infra.Tests;

/// <summary>infra/main.bicep compiled once per test run, with helpers to walk nested module templates.</summary>
public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        Build = BicepCli.Run(RepoPaths.Infra, "build", RepoPaths.MainBicep, "--stdout");
        if (Build.ExitCode == 0)
        {
            Json = JsonNode.Parse(Build.StdOut)!.AsObject();
        }
    }

    internal BicepCli.Result Build { get; }

    public JsonObject? Json { get; }

    public JsonObject Root => Json ?? throw new InvalidOperationException("bicep build failed:\n" + Build.StdErr);

    /// <summary>Every resource of the template and of every nested deployment (module), depth first.</summary>
    public IEnumerable<JsonObject> AllResources() => Resources(Root);

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        AllResources().Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<JsonObject> Resources(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };

        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Resources(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}

/// <summary>One `bicep build` shared by every test class that reads the compiled template.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled infra template";
}
