using System.Diagnostics;
using System.Reflection;

namespace WelfareFlow.Infra.Tests;

/// <summary>Runs the Bicep CLI that ships inside the Azure.Bicep.CommandLine.linux-x64 NuGet package.</summary>
internal static class BicepCli
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        /// <summary>Bicep prints diagnostics as "file(line,col) : Warning rule: …" and still exits 0 for warnings.</summary>
        public IReadOnlyList<string> Diagnostics =>
            (StdErr + "\n" + StdOut)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal)
                            || line.Contains(" : Error ", StringComparison.Ordinal)
                            || line.StartsWith("Warning", StringComparison.OrdinalIgnoreCase)
                            || line.StartsWith("Error", StringComparison.OrdinalIgnoreCase))
                .Distinct()
                .ToList();
    }

    public static string ExecutablePath { get; } = Locate();

    public static Result Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The CLI is a self-contained .NET app; without libicu it needs invariant globalization.
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdOut = process.StandardOutput.ReadToEndAsync();
        var stdErr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 3 minutes");
        }

        return new Result(process.ExitCode, stdOut.GetAwaiter().GetResult(), stdErr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var candidates = new List<string>();
        var fromBuild = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPackageRoot")?.Value;
        if (!string.IsNullOrEmpty(fromBuild))
        {
            candidates.Add(Path.Combine(fromBuild, "tools", "bicep"));
        }

        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(nugetRoot))
        {
            nugetRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        candidates.Add(Path.Combine(nugetRoot, "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep"));

        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"bicep not found; looked in: {string.Join(", ", candidates)}");

        // NuGet extracts the binary without the execute bit for group/other and, on some hosts, at all.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode exec = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | exec);
            }
        }

        return path;
    }
}
