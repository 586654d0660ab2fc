using System.Globalization;

namespace WelfareFlow.Load;

/// <summary>What to run, from the command line (<c>--cases 300 --clients 16 …</c>).</summary>
public sealed record LoadSettings(
    int Cases,
    int Judges,
    int Clients,
    double Rate,
    int RateSeconds,
    string? Url,
    string? OperatorKey,
    string? MailFolder,
    string? Storage,
    bool SkipBare,
    string Output,
    int Pairs)
{
    public const string Usage = """
        WelfareFlow.Load — N cases × judges through the HTTP contract beside the bare durable engine.
          --cases N          cases in the measured round (default 100)
          --judges N         judges (default 4)
          --clients C        concurrent clients (default 16)
          --rate R           score PUTs per second in the fixed-rate phase (default 20; 0 skips it)
          --rate-seconds S   length of the fixed-rate phase (default 30)
          --url URL          drive a running Server instead of starting Azurite and a Server here
          --operator-key K   its operator key (with --url)
          --mail DIR         its mail pickup folder (with --url)
          --storage CONN     its storage connection string, for the bare engine (with --url; else no baseline)
          --skip-bare        no bare-engine baseline
          --pairs P          bare and product rounds run in turn P times; the report takes the pair of the median
                             ratio (default 3 up to 1,000 cases, else 1): the machine's speed drifts over minutes
          --out DIR          where the report goes (default bench/results of the repository)
        """;

    public static LoadSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) values[args[i][2..]] = args[++i];
            else flags.Add(args[i][2..]);
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var cases = Int("cases", 100);
        var settings = new LoadSettings(
            cases, Int("judges", 4), Int("clients", 16),
            values.TryGetValue("rate", out var rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : 20, Int("rate-seconds", 30),
            values.GetValueOrDefault("url"), values.GetValueOrDefault("operator-key"), values.GetValueOrDefault("mail"), values.GetValueOrDefault("storage"),
            flags.Contains("skip-bare"), values.GetValueOrDefault("out") ?? DefaultOutput(), Int("pairs", cases <= 1_000 ? 3 : 1));
        if (settings.Pairs < 1) throw new ArgumentException("--pairs must be 1 or more.");
        if (settings.Url is not null && (settings.OperatorKey is null || settings.MailFolder is null))
            throw new ArgumentException("--url needs --operator-key and --mail.");
        return settings;
    }

    /// <summary>bench/results of the repository this runs in (found by WelfareFlow.sln), else ./results.</summary>
    static string DefaultOutput()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WelfareFlow.sln"))) return Path.Combine(dir.FullName, "bench", "results");
        }

        return Path.GetFullPath("results");
    }
}
