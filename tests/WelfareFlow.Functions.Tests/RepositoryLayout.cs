using System.Reflection;

namespace WelfareFlow.Functions.Tests;

/// <summary>Where the repository and the built Functions app are, seen from this test assembly.</summary>
static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the Functions app is built in the same configuration as these tests (ProjectReference).</summary>
    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string FunctionsOutput { get; } = Path.Combine(Root, "src", "WelfareFlow.Functions", "bin", Configuration, "net10.0");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "WelfareFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No WelfareFlow.sln above {AppContext.BaseDirectory}.");
    }
}
