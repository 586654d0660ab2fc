namespace WelfareFlow.Infra.Tests;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WelfareFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("WelfareFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
