using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WelfareFlow.Server.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>
/// Issue 10, point 5, with a real outage: the test's own Azurite (data on disk) is stopped under a running Server
/// process, every request that needs storage answers 503 with Retry-After, and once Azurite is back on the same
/// ports and folder the same Server serves again, without a restart, and a score refused during the outage counts.
/// </summary>
public sealed class StorageOutageTests
{
    const string Round = "outage-2024";
    const string District = "gobong";
    static readonly string[] Submitted = [District, "jugyo", "wonsin"];

    [Fact]
    public async Task BothHosts_AzuriteStopsAndComesBack_StorageRequests503WithRetryAfter_ThenServedWithoutRestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "welfareflow-outage-" + Guid.NewGuid().ToString("N"));
        var azuriteFolder = Path.Combine(folder, "azurite");
        var log = Path.Combine(folder, "server", "server.log");
        var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { DataFolder = azuriteFolder, BlobPort = 0, QueuePort = 0, TablePort = 0 }, NullLogger.Instance, CancellationToken.None);
        ServerProcess? server = null;
        FunctionsFrontDoor? functions = null;
        try
        {
            var settings = Settings(azurite.ConnectionString);
            server = await ServerProcess.StartAsync(Path.Combine(folder, "server"), settings);
            // The Functions worker's front door on the same storage, task hub and keys; its durable client talks to the
            // Server's engine as the worker's [DurableClient] talks to the host's.
            settings["Mail:PickupDirectory"] = server.Mailbox.Folder;
            functions = await FunctionsFrontDoor.StartAsync(settings, new Uri($"http://127.0.0.1:{settings["WelfareFlow:Durable:GrpcPort"]}"));
            var (districts, judges) = await PrepareRoundAsync(server);
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(Score(judges, District, GoyangRound.Judges[j]))).StatusCode);
            }

            var (blob, queue, table) = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
            await azurite.DisposeAsync();

            // Bounded by the clients' timeout: a request that hangs fails the test with a TaskCanceledException.
            foreach (var host in new[] { server.Client, functions.Client })
            {
                using var outage = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(45) };
                var scoredCase = host == server.Client ? District : "jugyo";
                await AssertUnavailableAsync(outage, WelfareServer.AsOperator(HttpMethod.Get, $"/api/rounds/{Round}"), problem: true);
                await AssertUnavailableAsync(outage, WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{Round}/cases/hyoja", districts["hyoja"], new { title = "사례", summary = "요약", category = "돌봄" }), problem: true);
                await AssertUnavailableAsync(outage, Score(judges, scoredCase, GoyangRound.Judges[3]), problem: true);
                await AssertUnavailableAsync(outage, new HttpRequestMessage(HttpMethod.Get, $"/judge/{judges[GoyangRound.Judges[3]]}"), problem: false);
                await AssertUnavailableAsync(outage, new HttpRequestMessage(HttpMethod.Get, $"/submit/{districts[District]}"), problem: false);
                await AssertUnavailableAsync(outage, new HttpRequestMessage(HttpMethod.Get, "/healthz"), problem: false);
                // Only the durable engine is asked here (through the sidecar, which reads its own storage).
                await AssertUnavailableAsync(outage, WelfareServer.AsOperator(HttpMethod.Get, "/api/instances?top=5"), problem: true);
            }

            Assert.False(server.HasExited);
            AssertNoUnhandledRequestException(log);

            azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { DataFolder = azuriteFolder, BlobPort = blob, QueuePort = queue, TablePort = table }, NullLogger.Instance, CancellationToken.None);
            await WaitUntilHealthyAsync(server.Client);
            await WaitUntilHealthyAsync(functions.Client);

            // The scores refused during the outage are sent again, stored, and reach the engine: the Server's completes its case.
            Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(Score(judges, District, GoyangRound.Judges[3]))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await functions.Client.SendAsync(Score(judges, "jugyo", GoyangRound.Judges[3]))).StatusCode);
            foreach (var judge in GoyangRound.Judges) Assert.Equal("scored", await JudgeStateAsync(server.Client, District, judge));
            Assert.Equal("scored", await JudgeStateAsync(server.Client, "jugyo", GoyangRound.Judges[3]));
            await WaitForCaseStatusAsync(server.Client, "final");
            AssertNoUnhandledRequestException(log);
        }
        finally
        {
            if (functions is not null) await functions.DisposeAsync();
            if (server is not null) await server.DisposeAsync();
            await azurite.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    internal static Dictionary<string, string> Settings(string storage) => new()
    {
        ["AzureWebJobsStorage"] = storage,
        ["WelfareFlow:TaskHub"] = "outage" + Guid.NewGuid().ToString("N")[..10],
        ["WelfareFlow:OperatorApiKey"] = WelfareServer.OperatorKey,
        ["WelfareFlow:SigningKey"] = "outage-test-signing-key-0123456789abcdef",
        ["Logging:LogLevel:Default"] = "Warning",
        ["WelfareFlow:Durable:GrpcPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A round of the 44 districts where three have submitted and judging has begun.</summary>
    internal static async Task<(Dictionary<string, string> Districts, Dictionary<string, string> Judges)> PrepareRoundAsync(ServerProcess server)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Post, "/api/rounds", GoyangRound.Definition(Round, now.AddDays(7), now.AddDays(14))))).StatusCode);
        var districts = (await server.Mailbox.WaitForAsync("district-invitation", GoyangRound.Districts.Length)).ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "submit"));
        foreach (var district in Submitted)
        {
            var put = WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{Round}/cases/{district}", districts[district], new { title = "사례 " + district, summary = "요약", category = "돌봄" });
            Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(put)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Post, $"/api/rounds/{Round}/close-submissions"))).StatusCode);
        var judges = (await server.Mailbox.WaitForAsync("judge-invitation", GoyangRound.Judges.Length)).ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "judge"));
        return (districts, judges);
    }

    internal static HttpRequestMessage Score(IReadOnlyDictionary<string, string> judges, string district, string judge) =>
        WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{Round}/cases/{district}/scores/{judge}", judges[judge],
            new { criteria = new { creativity = 15, effectiveness = 25, sustainability = 20, collaboration = 20 }, comment = "" });

    internal static async Task AssertUnavailableAsync(HttpClient client, HttpRequestMessage request, bool problem)
    {
        var path = request.RequestUri!.OriginalString;
        var what = $"{client.BaseAddress} {request.Method} {(path.StartsWith("/api/", StringComparison.Ordinal) || path == "/healthz" ? path : path.Split('/')[1])}";
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"{what}: no Retry-After");
        if (problem) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (request.RequestUri.OriginalString.StartsWith("/judge/", StringComparison.Ordinal) || request.RequestUri.OriginalString.StartsWith("/submit/", StringComparison.Ordinal))
        {
            // A person reads this one: the page, in Korean and English.
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("다시 시도해 주십시오", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>ASP.NET Core logs these only for an exception no handler answered (a 500); .NET 10 stays quiet
    /// about exceptions an <c>IExceptionHandler</c> handled.</summary>
    internal static void AssertNoUnhandledRequestException(string log)
    {
        string[] markers = ["An unhandled exception has occurred while executing the request", "An unhandled exception was thrown by the application", "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"];
        var text = File.ReadAllText(log);
        foreach (var marker in markers) Assert.False(text.Contains(marker, StringComparison.Ordinal), $"{marker} in {log}:\n{text[..Math.Min(text.Length, 4000)]}");
    }

    internal static async Task WaitUntilHealthyAsync(HttpClient client)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var health = await client.GetAsync("/healthz");
            if (health.StatusCode == HttpStatusCode.OK) return;
            Assert.True(DateTime.UtcNow < until, $"/healthz still {(int)health.StatusCode} two minutes after Azurite came back: {await health.Content.ReadAsStringAsync()}");
            await Task.Delay(500);
        }
    }

    static async Task<JsonElement> CaseAsync(HttpClient client, string district = District)
    {
        var view = await (await client.SendAsync(WelfareServer.AsOperator(HttpMethod.Get, $"/api/rounds/{Round}"))).Content.ReadFromJsonAsync<JsonElement>();
        return view.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("districtId").GetString() == district);
    }

    static async Task<string?> JudgeStateAsync(HttpClient client, string district, string judge) =>
        (await CaseAsync(client, district)).GetProperty("judges").GetProperty(judge).GetString();

    static async Task WaitForCaseStatusAsync(HttpClient client, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var found = (await CaseAsync(client)).GetProperty("status").GetString();
            if (found == status) return;
            Assert.True(DateTime.UtcNow < until, $"Case {District} still '{found}', not '{status}', two minutes after its last score.");
            await Task.Delay(500);
        }
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
