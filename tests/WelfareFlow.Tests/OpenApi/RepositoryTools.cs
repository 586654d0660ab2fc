using System.Diagnostics;

namespace WelfareFlow.Tests.OpenApi;

/// <summary>The repository's committed API artefacts and the tools that check them (Redocly CLI, Kiota).</summary>
public static class RepositoryTools
{
    /// <summary>Set to 1 to rewrite the committed document and client instead of failing on a difference:
    /// <c>WELFAREFLOW_REGENERATE_API=1 dotnet test tests/WelfareFlow.Tests --filter FullyQualifiedName~WelfareFlow.Tests.OpenApi</c>.</summary>
    public static bool Regenerate => Environment.GetEnvironmentVariable("WELFAREFLOW_REGENERATE_API") == "1";

    public const string RegenerateCommand = "WELFAREFLOW_REGENERATE_API=1 dotnet test tests/WelfareFlow.Tests --filter FullyQualifiedName~WelfareFlow.Tests.OpenApi";

    /// <summary>Relative to the repository root, as the regenerate command and the Kiota lock file name them.</summary>
    public const string DocumentPath = "src/WelfareFlow/Http/OpenApi/v1.json";
    public const string ClientPath = "clients/WelfareFlow.Client/Generated";
    public const string ToolManifestPath = ".config/dotnet-tools.json";

    public static string Root { get; } = FindRoot();

    public static string Full(string relative) => Path.Combine(Root, relative);

    /// <summary>Runs Kiota (the version pinned in .config/dotnet-tools.json) from <paramref name="workingDirectory"/>.</summary>
    public static async Task GenerateClientAsync(string workingDirectory)
    {
        await RunAsync("dotnet", ["tool", "restore"], Root);
        await RunAsync("dotnet", ["kiota", "generate", "--language", "CSharp", "--openapi", DocumentPath, "--class-name", "WelfareFlowClient",
            "--namespace-name", "WelfareFlow.Client", "--output", ClientPath, "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning"], workingDirectory);
        File.Delete(Path.Combine(workingDirectory, ClientPath, ".kiota.log"));
    }

    /// <summary>Redocly CLI's <c>lint --extends=recommended</c> of a document file, as JSON (installs the pinned CLI with npm ci if needed).</summary>
    public static async Task<string> RedoclyLintAsync(string documentFile)
    {
        var folder = Full(".ci/redocly");
        var cli = Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        if (!File.Exists(cli)) await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder);
        var (_, output) = await RunAsync("node", [cli, "lint", documentFile, "--extends=recommended", "--format=json"], folder, allowFailure: true);
        return output;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // No telemetry, tutorials or update checks: the tools must work with only package registries reachable.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await output}{await error}");
        }

        return (process.ExitCode, await output);
    }

    static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "WelfareFlow.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException($"No WelfareFlow.sln above {AppContext.BaseDirectory}.");
    }
}
