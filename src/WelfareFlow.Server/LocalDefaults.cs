using System.Security.Cryptography;
using WelfareFlow.Configuration;
using WelfareFlow.Storage;

namespace WelfareFlow.Server;

/// <summary>
/// What the Server fills in when run with no settings: Azurite storage, a data folder beside the project,
/// mail to a pickup folder in it, and an operator key and signing key generated once and kept there
/// (so a restart keeps links and the key valid). Configured values always win.
/// </summary>
public sealed record LocalDefaults(string DataDirectory, string? GeneratedOperatorKey)
{
    public const string DataDirectoryKey = "WelfareFlow:DataDirectory";
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public string AzuriteDirectory => Path.Combine(DataDirectory, "azurite");

    public static LocalDefaults Apply(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var data = Path.GetFullPath(configuration[DataDirectoryKey] ?? Path.Combine(builder.Environment.ContentRootPath, ".data"));
        Directory.CreateDirectory(data);

        var values = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(configuration[StorageAccount.SettingName]) && !configuration.GetSection(StorageAccount.SettingName).GetChildren().Any())
        {
            values[StorageAccount.SettingName] = StorageAccount.DevelopmentStorage;
        }

        if (string.IsNullOrWhiteSpace(configuration[$"{MailOptions.Section}:PickupDirectory"]))
        {
            values[$"{MailOptions.Section}:PickupDirectory"] = Path.Combine(data, "mail");
        }

        string? generatedOperatorKey = null;
        if (string.IsNullOrWhiteSpace(configuration[$"{WelfareFlowOptions.Section}:OperatorApiKey"]))
        {
            values[$"{WelfareFlowOptions.Section}:OperatorApiKey"] = generatedOperatorKey = KeptSecret(data, "operator-key");
        }

        if (string.IsNullOrWhiteSpace(configuration[$"{WelfareFlowOptions.Section}:SigningKey"]))
        {
            values[$"{WelfareFlowOptions.Section}:SigningKey"] = KeptSecret(data, "signing-key");
        }

        if (string.IsNullOrWhiteSpace(configuration["urls"]) && string.IsNullOrWhiteSpace(configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configuration.AddInMemoryCollection(values);
        return new LocalDefaults(data, generatedOperatorKey);
    }

    /// <summary>A random key (43 characters) kept in a file only this user can read; made on first use, and made
    /// again if the kept one is shorter than the host accepts.</summary>
    static string KeptSecret(string data, string name)
    {
        var path = Path.Combine(data, name);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= WelfareFlowOptions.MinimumKeyLength } kept)
        {
            return kept;
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
