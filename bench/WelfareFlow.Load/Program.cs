using System.Net;
using WelfareFlow.Load;

LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadSettings.Usage);
    return 2;
}

var loadBefore = Report.LoadAverage();
var folder = Path.Combine(Path.GetTempPath(), "welfareflow-load-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var azurite = settings.Url is null ? await LoadServer.StartAzuriteAsync(folder) : null;
await using var server = azurite is null ? LoadServer.Given(settings) : await LoadServer.StartAsync(azurite, folder);
var storage = server.Storage;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients + 8, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(server.Url),
    Timeout = TimeSpan.FromMinutes(5),
    DefaultRequestVersion = HttpVersion.Version11,
};
var contest = new Contest(http, server.OperatorKey, new MailPickup(server.MailFolder), settings.Judges, settings.Clients);
var run = Guid.NewGuid().ToString("N")[..6];

// Untimed, a warm-up pair first: a bare-engine round and a product round of up to 300 cases. The product's round runs
// every path of the product once; and the first timed pair after only a small warm-up still ran on a process (and an
// Azurite) compiling and tuning its code: its bare engine used half a core more than in the pairs after it for the same
// work and ran 25–50 % slower (bench/README.md, "Evening runs").
const int warmUpPairCases = 300;
var warmUp = Math.Min(settings.Cases, warmUpPairCases);
Console.WriteLine($"Warm-up pair (untimed): {warmUp} cases on each side");
if (!settings.SkipBare && storage is not null) await BareEngine.RunAsync(storage, warmUp, settings.Judges, settings.Clients);
await ProductRun.WarmUpAsync(contest, $"warmup-{run}", warmUp, settings.Judges, settings.Clients);

// The baseline first, on the same Azurite and while the Server idles, then the product; in turn when there are several
// pairs, so that both sides of a pair meet the machine at the same speed.
var pairs = new List<Report.Pair>();
for (var pair = 1; pair <= settings.Pairs; pair++)
{
    var of = settings.Pairs > 1 ? $" (pair {pair} of {settings.Pairs})" : "";
    BareEngine.Figures? bare = null;
    if (!settings.SkipBare && storage is not null)
    {
        Console.WriteLine($"Bare engine{of}: {settings.Cases} case-shaped orchestrations × {settings.Judges} events, {settings.Clients} clients");
        bare = await BareEngine.RunAsync(storage, settings.Cases, settings.Judges, settings.Clients);
        Console.WriteLine($"  {bare.CasesPerSecond} cases/s, {bare.EventsPerSecond} events/s, scheduled in {bare.ScheduleSeconds} s");
    }

    Console.WriteLine($"Product{of}: {settings.Cases} cases × {settings.Judges} judges through the HTTP contract, {settings.Clients} clients");
    pairs.Add(new(bare, await ProductRun.RunAsync(contest, $"load-{run}-{pair}", settings.Cases, settings.Judges, settings.Clients)));
}

FixedRate.Figures? steady = null;
if (settings.Rate > 0)
{
    Console.WriteLine($"Fixed rate: {settings.Rate} score PUTs/s for {settings.RateSeconds} s on a round of its own");
    steady = await FixedRate.RunAsync(contest, $"steady-{run}", settings.Judges, settings.Rate, settings.RateSeconds);
}

var report = Report.OfPairs(DateTimeOffset.UtcNow, $"{Environment.ProcessorCount} cores", loadBefore, Report.LoadAverage(), settings, pairs, steady);
var (json, markdown) = report.Write(settings.Output);
Console.WriteLine();
Console.WriteLine(report.Markdown());
Console.WriteLine($"Written: {json}, {markdown}");
return 0;
