using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.ScaleOut;

/// <summary>
/// Two Server processes share one task hub on one storage account. One is killed with SIGKILL in the middle
/// of judging; the round completes on the other, with every score counted and no email sent twice.
/// </summary>
[Collection("azurite")]
public sealed class TwoServersTests(AzuriteFixture azurite)
{
    static readonly string[] Submitting = ["gobong", "juyeop-1", "madu-1", "haengsin-2", "ilsan-3", "daehwa", "jugyo", "songpo"];

    [Fact]
    public async Task Round_SurvivesKillOfOneServer_NoScoreLostNoMailTwice()
    {
        var root = Path.Combine(Path.GetTempPath(), "welfareflow-two-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["WelfareFlow:TaskHub"] = "two" + Guid.NewGuid().ToString("N")[..10],
            ["WelfareFlow:OperatorApiKey"] = WelfareServer.OperatorKey,
            ["WelfareFlow:SigningKey"] = "two-servers-signing-key-0123456789abcdef",
            ["WelfareFlow:Durable:ControlQueueVisibilityTimeout"] = "00:00:10",
            ["WelfareFlow:Durable:WorkItemQueueVisibilityTimeout"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var a = await ServerProcess.StartAsync(Path.Combine(root, "a"), settings);
        await using var b = await ServerProcess.StartAsync(Path.Combine(root, "b"), settings);
        var servers = new[] { a, b };
        IReadOnlyList<Mailbox.Message> AllMail() => [.. a.Mailbox.All(), .. b.Mailbox.All()];
        async Task<IReadOnlyList<Mailbox.Message>> WaitForMailAsync(string kind, int count)
        {
            var until = DateTime.UtcNow.AddSeconds(120);
            while (AllMail().Count(m => m.Kind == kind) < count)
            {
                if (DateTime.UtcNow > until) throw new TimeoutException($"Only {AllMail().Count(m => m.Kind == kind)} of {count} '{kind}' mails.");
                await Task.Delay(200);
            }

            return [.. AllMail().Where(m => m.Kind == kind)];
        }

        var now = DateTimeOffset.UtcNow;
        var create = WelfareServer.AsOperator(HttpMethod.Post, "/api/rounds", GoyangRound.Definition("two-2024", now.AddHours(1), now.AddHours(2)));
        Assert.Equal(HttpStatusCode.Created, (await a.Client.SendAsync(create)).StatusCode);
        var submitTokens = (await WaitForMailAsync("district-invitation", GoyangRound.Districts.Length)).ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "submit"));
        for (var i = 0; i < Submitting.Length; i++)
        {
            var put = WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/two-2024/cases/{Submitting[i]}", submitTokens[Submitting[i]], new { title = "사례", summary = "요약", category = "돌봄" });
            Assert.Equal(HttpStatusCode.Created, (await servers[i % 2].Client.SendAsync(put)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await b.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Post, "/api/rounds/two-2024/close-submissions"))).StatusCode);
        var judgeTokens = (await WaitForMailAsync("judge-invitation", GoyangRound.Judges.Length)).ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "judge"));

        // Half of the scores through either server, then server A dies without any shutdown; the rest go through B.
        var pairs = Submitting.SelectMany(d => GoyangRound.Judges.Select(j => (District: d, Judge: j))).ToList();
        var sent = new Dictionary<(string, string), double>();
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i == pairs.Count / 2) a.Kill();
            var server = a.HasExited ? b : servers[i % 2];
            var (district, judge) = pairs[i];
            var criteria = GoyangRound.Rubric.ToDictionary(r => r.Id, r => Math.Floor(r.MaxPoints * (0.4 + 0.05 * (i % 11))));
            sent[(district, judge)] = criteria.Values.Sum();
            var put = WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/two-2024/cases/{district}/scores/{judge}", judgeTokens[judge], new { criteria });
            Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(put)).StatusCode);
        }

        Assert.True(a.HasExited);
        var until = DateTime.UtcNow.AddSeconds(180);
        JsonElement view;
        while ((view = await (await b.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Get, "/api/rounds/two-2024"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString() != "published")
        {
            Assert.True(DateTime.UtcNow < until, $"Round stuck in phase {view.GetProperty("phase").GetString()} after server A was killed.");
            await Task.Delay(500);
        }

        // No score lost: every judge's total of every case is the one sent.
        var results = await (await b.Client.SendAsync(WelfareServer.AsOperator(HttpMethod.Get, "/api/rounds/two-2024/results"))).Content.ReadFromJsonAsync<JsonElement>();
        var awards = results.GetProperty("awards").EnumerateArray().ToList();
        Assert.Equal(Submitting.Order(), awards.Select(x => x.GetProperty("districtId").GetString()).Order());
        foreach (var award in awards)
        {
            var totals = award.GetProperty("explanation").GetProperty("judgeTotals");
            foreach (var judge in GoyangRound.Judges)
            {
                Assert.Equal(sent[(award.GetProperty("districtId").GetString()!, judge)], totals.GetProperty(judge).GetDouble());
            }
        }

        // No mail twice: each message (named after its outbox key) exists once across both servers' folders.
        await WaitForMailAsync("district-result", Submitting.Length);
        await WaitForMailAsync("judge-thanks", GoyangRound.Judges.Length);
        var all = AllMail();
        Assert.Empty(all.GroupBy(m => m.File).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(GoyangRound.Districts.Length, all.Count(m => m.Kind == "district-invitation"));
        Assert.Equal(GoyangRound.Judges.Length, all.Count(m => m.Kind == "judge-invitation"));
        Assert.Equal(Submitting.Length, all.Count(m => m.Kind == "district-result"));
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
