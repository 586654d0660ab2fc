using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>
/// Issue 10, point 9: a 44-case round while the Server process is killed with SIGKILL five times — twice while
/// judges score, once more near the end, right after the last score (allocation), and right after
/// publication was approved — with mail over a real SMTP listener. Every acknowledged score counts in the
/// results, no message is accepted twice, no orchestration fails.
/// </summary>
[Collection("azurite")]
public sealed partial class CrashTests(AzuriteFixture azurite)
{
    static readonly TimeSpan MailWait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Round_ServerKilledFiveTimes_EveryAcknowledgedScoreCounts_NoMailTwice_NoFailedInstance()
    {
        await using var smtp = CountingSmtp.Start();
        var folder = Path.Combine(Path.GetTempPath(), "welfareflow-crash-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["WelfareFlow:TaskHub"] = "crash" + Guid.NewGuid().ToString("N")[..10],
            ["WelfareFlow:OperatorApiKey"] = WelfareServer.OperatorKey,
            ["WelfareFlow:SigningKey"] = "crash-test-signing-key-0123456789abcdef",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Logging:LogLevel:Default"] = "Warning",
            // A killed process leaves its messages invisible and its leases held until these run out: short, so each
            // restart takes seconds rather than the production minute.
            ["WelfareFlow:Durable:ControlQueueVisibilityTimeout"] = "00:00:10",
            ["WelfareFlow:Durable:WorkItemQueueVisibilityTimeout"] = "00:00:10",
            ["WelfareFlow:Durable:LeaseInterval"] = "00:00:05",
            ["WelfareFlow:Durable:LeaseRenewInterval"] = "00:00:02",
            ["WelfareFlow:Durable:LeaseAcquireInterval"] = "00:00:01",
        };
        var kills = 0;
        var server = await ServerProcess.StartAsync(folder, settings);
        async Task RestartAsync()
        {
            server.Kill();
            kills++;
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(folder, settings);
        }

        try
        {
            const string round = "crash-2024";
            var now = DateTimeOffset.UtcNow;
            Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Post, "/api/rounds",
                GoyangRound.Definition(round, now.AddHours(1), now.AddHours(2), requireApproval: true)))).StatusCode);
            var districtTokens = Tokens(await smtp.WaitForAsync("district-invitation", GoyangRound.Districts.Length, MailWait), "submit");
            foreach (var (district, _) in GoyangRound.Districts)
            {
                var put = WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}", districtTokens[district], new { title = "사례 " + district, summary = "요약", category = "돌봄" });
                Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(put)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Accepted, (await server.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Post, $"/api/rounds/{round}/close-submissions"))).StatusCode);
            var judgeTokens = Tokens(await smtp.WaitForAsync("judge-invitation", GoyangRound.Judges.Length, MailWait), "judge");

            // Every score the Server acknowledged, by case and judge: what the results must reflect.
            var acknowledged = new Dictionary<(string District, string Judge), double>();
            var pending = (from d in GoyangRound.Districts.Select(d => d.Id) from j in GoyangRound.Judges select (d, j)).ToList();
            var killAfter = new Queue<int>([pending.Count / 3, pending.Count * 2 / 3, pending.Count * 9 / 10]);
            var scoringUntil = DateTime.UtcNow.AddMinutes(3);
            while (pending.Count > 1)
            {
                // Bounded: a Server that never acknowledges again fails the test instead of hanging it.
                Assert.True(DateTime.UtcNow < scoringUntil, $"{pending.Count} scores still unacknowledged after 3 minutes; see {folder}/server.log");
                // A batch in flight: some are acknowledged, some die with the process and are sent again.
                var batch = pending.Take(Math.Min(16, pending.Count - 1)).ToList();
                var sends = batch.Select(async p => (p, await TryScoreAsync(server.Client, round, p.d, p.j, judgeTokens[p.j]))).ToList();
                if (killAfter.TryPeek(out var at) && acknowledged.Count >= at)
                {
                    killAfter.Dequeue();
                    await Task.WhenAny(sends);
                    await RestartAsync();
                }

                foreach (var (p, total) in await Task.WhenAll(sends))
                {
                    if (total is not { } t) continue;
                    acknowledged[p] = t;
                    pending.Remove(p);
                }
            }

            // Killed right after the last score: allocation runs across the restart.
            var last = pending.Single();
            Assert.NotNull(await TryScoreAsync(server.Client, round, last.d, last.j, judgeTokens[last.j]));
            acknowledged[last] = Total(last.d, last.j);
            await RestartAsync();
            await WaitForPhaseAsync(() => server.Client, round, "review");

            Assert.Equal(HttpStatusCode.Accepted, (await server.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Post, $"/api/rounds/{round}/publish"))).StatusCode);
            await RestartAsync();
            await WaitForPhaseAsync(() => server.Client, round, "published");
            await smtp.WaitForAsync("district-result", GoyangRound.Districts.Length, MailWait);
            await smtp.WaitForAsync("judge-thanks", GoyangRound.Judges.Length, MailWait);

            Assert.True(kills >= 5, $"Only {kills} kills.");
            var results = await (await server.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Get, $"/api/rounds/{round}/results"))).Content.ReadFromJsonAsync<JsonElement>();
            foreach (var award in results.GetProperty("awards").EnumerateArray())
            {
                var district = award.GetProperty("districtId").GetString()!;
                var totals = GoyangRound.Judges.Select(j => acknowledged[(district, j)]).Order().ToList();
                Assert.Equal(Math.Round((totals[1] + totals[2]) / 2, 2), award.GetProperty("score").GetDouble(), 2);
            }

            var duplicates = smtp.Received.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).Select(g => g.First().Headers["X-WelfareFlow-Kind"] + " to " + g.First().To).ToList();
            Assert.True(duplicates.Count == 0, "Sent twice: " + string.Join(", ", duplicates));
            var failed = await server.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Get, "/api/instances?runtimeStatus=Failed"));
            Assert.Equal(0, (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        }
        finally
        {
            await server.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Distinct totals per case and judge, so a lost or mixed-up score changes the trimmed mean.</summary>
    static double Total(string district, string judge) => Criteria(district, judge).Values.Sum();

    static Dictionary<string, double> Criteria(string district, string judge)
    {
        var seed = Array.FindIndex(GoyangRound.Districts, d => d.Id == district) % 7 + Array.IndexOf(GoyangRound.Judges, judge) * 3;
        return new() { ["creativity"] = 5 + seed % 15, ["effectiveness"] = 10 + seed % 20, ["sustainability"] = 8 + seed % 17, ["collaboration"] = 6 + (seed * 2) % 19 };
    }

    /// <summary>The total if the Server acknowledged the score (201 or 200) or says it is stored in a final case (409),
    /// null if the request died with it.</summary>
    static async Task<double?> TryScoreAsync(HttpClient client, string round, string district, string judge, string token)
    {
        try
        {
            using var response = await client.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}/scores/{judge}", token,
                new { criteria = Criteria(district, judge), comment = "" }));
            // 409 here can only mean the case is final (judging has started, no judge recused or was replaced, the
            // deadline is hours away): every seat of the case is then stored, this one by an attempt whose answer died
            // with the process. The stored score is this one (each case and judge is only ever sent one score), so it
            // counts, as the results check below expects.
            return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict ? Total(district, judge) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    static async Task WaitForPhaseAsync(Func<HttpClient> client, string round, string phase)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var view = await (await client().SendAsync(WelfareServer.AsOperator(HttpMethod.Get, $"/api/rounds/{round}"))).Content.ReadFromJsonAsync<JsonElement>();
            if (view.GetProperty("phase").GetString() == phase) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Round still in phase {view.GetProperty("phase")}, not {phase}.");
            await Task.Delay(250);
        }
    }

    static Dictionary<string, string> Tokens(IEnumerable<MimeKit.MimeMessage> mails, string purpose) =>
        mails.ToDictionary(m => m.To.Mailboxes.Single().Address.Split('@')[0], m => Link().Match(m.TextBody ?? "").Groups[purpose == "submit" ? 1 : 2].Value is { Length: > 0 } t ? t
            : throw new InvalidOperationException($"No /{purpose}/ link in a mail to {m.To}."));

    [GeneratedRegex(@"/submit/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)|/judge/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex Link();
}
