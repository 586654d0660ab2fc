using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using WelfareFlow.Configuration;
using WelfareFlow.Storage;

namespace WelfareFlow.Functions.Tests;

/// <summary>
/// local.settings.sample.json lists every setting the app reads, and nothing it does not: both directions are
/// checked against the options classes (by reflection for src/WelfareFlow, by reading the source for the Server's,
/// which this project does not build) and a short list of settings the Functions host itself reads.
/// </summary>
public sealed partial class LocalSettingsSampleTests
{
    /// <summary>Read by the Functions host, not by our code.</summary>
    static readonly Dictionary<string, string> HostSettings = new(StringComparer.Ordinal)
    {
        ["FUNCTIONS_WORKER_RUNTIME"] = "selects the isolated .NET worker",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "the host's telemetry to Application Insights; empty locally",
    };

    static readonly Lazy<Dictionary<string, string>> Sample = new(ReadSample);

    [Fact]
    public void Sample_EveryKey_ReadByTheCodeOrTheHost()
    {
        var known = KnownKeys();
        var unknown = Sample.Value.Keys.Where(k => !HostSettings.ContainsKey(k) && !known.Contains(ToConfigurationKey(k))).ToList();
        Assert.True(unknown.Count == 0, $"Nothing reads: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Sample_EverySettingTheCodeReads_Listed()
    {
        var listed = Sample.Value.Keys.Select(ToConfigurationKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = KnownKeys().Where(k => !listed.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"Missing from local.settings.sample.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Sample_LocalValues_AzuriteIsolatedWorkerNoSecrets()
    {
        Assert.Equal(StorageAccount.DevelopmentStorage, Sample.Value[StorageAccount.SettingName]);
        Assert.Equal("dotnet-isolated", Sample.Value["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("", Sample.Value["Mail__Smtp__Host"]);
        Assert.Equal("", Sample.Value["Mail__Smtp__Password"]);
        Assert.Contains("change-me", Sample.Value["WelfareFlow__OperatorApiKey"], StringComparison.Ordinal);
        Assert.Contains("change-me", Sample.Value["WelfareFlow__SigningKey"], StringComparison.Ordinal);
    }

    /// <summary>Configuration keys (with ':') the code reads.</summary>
    static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { StorageAccount.SettingName };
        AddOptions(keys, WelfareFlowOptions.Section, typeof(WelfareFlowOptions));
        AddOptions(keys, MailOptions.Section, typeof(MailOptions));

        // Single settings read directly, named by constants such as StorageAccount.SettingName or TelemetrySetup.OtlpSetting.
        foreach (var field in typeof(WelfareFlowServices).Assembly.GetTypes()
                     .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                     .Where(f => f.IsLiteral && f.FieldType == typeof(string) && (f.Name.EndsWith("Setting", StringComparison.Ordinal) || f.Name == "SettingName")))
        {
            keys.Add((string)field.GetRawConstantValue()!);
        }

        // The Server's own settings: options classes with a Section constant, and literal keys.
        foreach (var file in Directory.EnumerateFiles(RepositoryLayout.PathOf("src", "WelfareFlow.Server"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            if (SectionConstant().Match(source) is { Success: true } section)
            {
                foreach (Match property in SettableProperty().Matches(source))
                {
                    keys.Add($"{section.Groups[1].Value}:{property.Groups[1].Value}");
                }
            }

            foreach (Match key in KeyConstant().Matches(source))
            {
                keys.Add(key.Groups[1].Value);
            }
        }

        return keys;
    }

    static void AddOptions(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string))
            {
                AddOptions(keys, key, property.PropertyType);
            }
            else
            {
                keys.Add(key);
            }
        }
    }

    static string ToConfigurationKey(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    static Dictionary<string, string> ReadSample()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryLayout.PathOf("local.settings.sample.json")));
        Assert.False(document.RootElement.GetProperty("IsEncrypted").GetBoolean());
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    [GeneratedRegex("""const string Section = "(WelfareFlow:[A-Za-z:]+)";""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex("""public (?!static)[\w<>?]+ (\w+) \{ get; set; \}""")]
    private static partial Regex SettableProperty();

    // e.g. public const string DataDirectoryKey = "WelfareFlow:DataDirectory";
    [GeneratedRegex("""const string \w+Key = "(WelfareFlow:[A-Za-z:]+)";""")]
    private static partial Regex KeyConstant();
}
