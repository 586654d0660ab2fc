using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Links;
using WelfareFlow.Tests.Attachments;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.EndToEnd;
using WelfareFlow.Tests.Ops;
using WelfareFlow.Tests.Support;
using Xunit.Abstractions;

namespace WelfareFlow.Tests.Live;

/// <summary>
/// The seed's day on the real engine and Azurite: a screening of Goyang's 44 districts, a final of the 11 best
/// (a cut inside a tie refused first), the finalists told by email with their cases and attachments carried
/// over, a live final with four judges in a running order, one recusal, one case closed by the operator, results,
/// and the ceremony screen walked step by step against them.
/// </summary>
[Collection("azurite")]
public sealed class PresentationDayTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    const string Screening = "goyang-2024-screening", Final = "goyang-2024-final";
    const int Finalists = 11;

    [Fact]
    public async Task SeedsDay_ScreeningFinalistsLiveFinalWithRecusalAndClose_ResultsAndCeremony()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var http = server.Client;
        var now = DateTimeOffset.UtcNow;
        var tokens = server.Services.GetRequiredService<LinkTokens>();
        string Token(string round, string purpose, string subject) => tokens.Issue(new LinkClaims(purpose, round, subject, now.AddDays(1), 1));

        // Screening: every district submits, gobong with an attachment; four judges score all 44 cases.
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", GoyangRound.Definition(Screening, now.AddHours(1), now.AddHours(2))))).StatusCode);
        var ranking = ScreeningRanking();
        await ForEachAsync(ranking, async district =>
        {
            var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{Screening}/cases/{district}", Token(Screening, LinkPurposes.Submit, district),
                new { title = $"{Name(district)} 이웃 돌봄망", summary = $"{Name(district)}의 고독사 예방 사업", category = "돌봄" }));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        });
        var upload = WelfareServer.Bearer(HttpMethod.Post, $"/api/rounds/{Screening}/cases/gobong/attachments", Token(Screening, LinkPurposes.Submit, "gobong"));
        var file = new ByteArrayContent(SampleFiles.Pdf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        upload.Content = new MultipartFormDataContent { { file, "file", "고봉동 사례 보고서.pdf" } };
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(upload)).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{Screening}/close-submissions"))).StatusCode);
        await ForEachAsync(GoyangRound.Judges, async judge =>
        {
            var token = Token(Screening, LinkPurposes.Judge, judge);
            for (var d = 0; d < ranking.Count; d++)
            {
                await ScoreAsync(http, Screening, ranking[d], judge, token, ScreeningPoints(d, judge));
            }
        });
        await ContestEndToEndTests.WaitForPhaseAsync(server, Screening, "published");

        // A cut inside the tie at rank 12 is refused with the tied districts; the 11 best make the final.
        var tied = await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", FinalDefinition(now, Finalists + 1)));
        Assert.Equal(HttpStatusCode.Conflict, tied.StatusCode);
        var tiedProblem = await tied.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ranking.Skip(Finalists).Take(2).Order(), tiedProblem.GetProperty("tiedDistricts").EnumerateArray().Select(d => d.GetString()).Order());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", FinalDefinition(now, Finalists, withDistricts: true)))).StatusCode);
        var created = await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", FinalDefinition(now, Finalists)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var finalists = ranking.Take(Finalists).ToList();
        var finalView = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Screening, finalView.GetProperty("finalistsOf").GetProperty("roundId").GetString());
        Assert.Equal("live", finalView.GetProperty("judging").GetString());

        // Each finalist is told it was selected, with the final's link; its case and attachment are there to revise.
        var selected = await server.Mailbox.WaitForAsync("finalist-invitation", Finalists);
        Assert.Equal(finalists.Select(d => $"{d}@goyang.example").Order(), selected.Select(m => m.To).Order());
        Assert.Contains("본선", selected[0].Subject, StringComparison.Ordinal);
        var gobongLink = Mailbox.LinkToken(selected.Single(m => m.To.StartsWith("gobong@", StringComparison.Ordinal)), "submit");
        var attachments = await (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Get, $"/api/rounds/{Final}/cases/gobong/attachments", gobongLink))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("고봉동 사례 보고서.pdf", Assert.Single(attachments.EnumerateArray()).GetProperty("fileName").GetString());
        var revised = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{Final}/cases/gobong", gobongLink, new { title = "고봉동 이웃 돌봄망 (본선)", summary = "본선 발표용 요약", category = "돌봄" }));
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var notFinalist = ranking[Finalists + 3];
        Assert.DoesNotContain(server.Mailbox.OfKind("finalist-invitation"), m => m.To.StartsWith(notFinalist + "@", StringComparison.Ordinal));

        // The running order: the eleventh presents first. Only a permutation, only once judging has started.
        var order = Enumerable.Reverse(finalists).ToList();
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(server.Operator(HttpMethod.Put, $"/api/rounds/{Final}/running-order", new { order }))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{Final}/close-submissions"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(server.Operator(HttpMethod.Put, $"/api/rounds/{Final}/running-order", new { order = order.Skip(1) }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(server.Operator(HttpMethod.Put, $"/api/rounds/{Final}/running-order", new { order }))).StatusCode);
        var judge = GoyangRound.Judges.ToDictionary(j => j, j => Token(Final, LinkPurposes.Judge, j));
        var special = server.Operator(HttpMethod.Post, $"/api/rounds/{Final}/special-awards", new { districtId = "juyeop-1", title = "특별상", reason = "주민 주도 돌봄 모델" });
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(special)).StatusCode);

        // Nothing is scored before its case opens; one case open at a time.
        var early = await http.SendAsync(Score(Final, order[0], "judge-1", judge["judge-1"], FinalPoints(0, "judge-1")));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Open(http, server, order[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Open(http, server, order[1])).StatusCode);
        var presenting = await RoundAsync(server, Final);
        Assert.Equal(order[0], presenting.GetProperty("current").GetString());
        Assert.Equal(Enumerable.Range(1, Finalists), order.Select(d => Case(presenting, d).GetProperty("order").GetInt32()));

        // The day: each case opens in turn; the third has a recusal, the sixth is closed by the operator without judge-4.
        const int recusedAt = 2, closedAt = 5;
        var expected = new Dictionary<string, double>();
        var lastFinal = Stopwatch.StartNew();
        for (var i = 0; i < order.Count; i++)
        {
            var district = order[i];
            if (i > 0) Assert.Equal(HttpStatusCode.Accepted, (await Open(http, server, district)).StatusCode);
            var judges = GoyangRound.Judges.ToList();
            if (i == recusedAt)
            {
                var recusal = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Post, $"/api/rounds/{Final}/cases/{district}/recusals/judge-2", judge["judge-2"], new { reason = "해당 동 자문위원 / adviser to this district" }));
                Assert.Equal(HttpStatusCode.Created, recusal.StatusCode);
                judges.Remove("judge-2");
            }

            if (i == closedAt) judges.Remove("judge-4");
            await Task.WhenAll(judges.Select(async j =>
            {
                var put = await http.SendAsync(Score(Final, district, j, judge[j], FinalPoints(i, j)));
                Assert.True(put.StatusCode == HttpStatusCode.Created, $"{district}/{j}: {put.StatusCode} {await put.Content.ReadAsStringAsync()}");
            }));
            expected[district] = TrimmedMean([.. judges.Select(j => FinalPoints(i, j).Values.Sum())]);
            if (i == closedAt)
            {
                Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{Final}/cases/{district}/close"))).StatusCode);
            }

            lastFinal.Restart();
            if (i < order.Count - 1)
            {
                // Final by itself (all seats settled) or by the close: no longer open, so the next case may open.
                var settled = await WaitForCaseAsync(server, district, c => c.GetProperty("status").GetString() == "final");
                Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(Score(Final, district, "judge-1", judge["judge-1"], FinalPoints(i, "judge-1")))).StatusCode);
                Assert.Equal(i == recusedAt ? "recused" : "scored", Case(settled, district).GetProperty("judges").GetProperty("judge-2").GetString());
            }
        }

        await ContestEndToEndTests.WaitForPhaseAsync(server, Final, "published");
        var lastCaseToPublished = lastFinal.Elapsed;
        var results = await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{Final}/results"))).Content.ReadFromJsonAsync<JsonElement>();
        var awards = results.GetProperty("awards").EnumerateArray().ToList();
        Assert.Equal(expected.OrderByDescending(e => e.Value).Select(e => e.Key), awards.Select(a => a.GetProperty("districtId").GetString()));
        foreach (var award in awards)
        {
            Assert.Equal(Math.Round(expected[award.GetProperty("districtId").GetString()!], 2), award.GetProperty("score").GetDouble(), 2);
        }

        Assert.Equal(["best", "excellent", "excellent", "excellent"], awards.Take(4).Select(a => a.GetProperty("tier").GetString()));
        Assert.All(awards.Skip(4), a => Assert.Equal("encouragement", a.GetProperty("tier").GetString()));
        var recusedCase = awards.Single(a => a.GetProperty("districtId").GetString() == order[recusedAt]).GetProperty("explanation");
        Assert.Equal(["judge-2"], recusedCase.GetProperty("recused").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(3, recusedCase.GetProperty("judgeTotals").EnumerateObject().Count());
        Assert.Equal(3, awards.Single(a => a.GetProperty("districtId").GetString() == order[closedAt]).GetProperty("explanation").GetProperty("judgeTotals").EnumerateObject().Count());

        var audit = (await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{Final}/audit"))).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(Finalists, audit.Count(e => e.GetProperty("action").GetString() == "case-opened"));
        Assert.Equal(order[closedAt], audit.Single(e => e.GetProperty("action").GetString() == "case-closed").GetProperty("subject").GetString());
        Assert.Equal($"{order[recusedAt]}/judge-2", audit.Single(e => e.GetProperty("action").GetString() == "judge-recused").GetProperty("subject").GetString());
        Assert.Equal(Finalists, audit.Count(e => e.GetProperty("action").GetString() == "case-carried-over"));

        // The ceremony on the projector: each tier from the lowest to the best, the special award, the whole table.
        using var operatorBrowser = await DashboardHttpTests.SignedInAsync(server);
        Assert.Equal(3 + 1 + 1, await CeremonyWalk.WalkAsync(operatorBrowser, Final, results));

        output.WriteLine($"last case's final score -> results published: {lastCaseToPublished.TotalMilliseconds:F0} ms");
        Console.WriteLine($"[live figures] last case's final score -> results published {lastCaseToPublished.TotalMilliseconds:F0} ms");
    }

    /// <summary>The screening's intended order, best first: gobong and juyeop-1 among the finalists.</summary>
    static List<string> ScreeningRanking()
    {
        var ids = GoyangRound.Districts.Select(d => d.Id).Where(id => id is not "gobong" and not "juyeop-1").ToList();
        ids.Insert(0, "gobong");
        ids.Insert(5, "juyeop-1");
        return ids;
    }

    /// <summary>Half-steps down the list, each judge a little stricter than the one before; the 12th and 13th are
    /// scored alike by everyone, so they share rank 12.</summary>
    static Dictionary<string, double> ScreeningPoints(int position, string judge)
    {
        var step = position > Finalists ? position - 1 : position;
        var strictness = Array.IndexOf(GoyangRound.Judges, judge) * 0.5;
        return new() { ["creativity"] = 18, ["effectiveness"] = 30 - 0.5 * step, ["sustainability"] = 20 - strictness, ["collaboration"] = 20 };
    }

    /// <summary>The final's points by presentation slot: a different order from the screening's, distinct totals.</summary>
    static Dictionary<string, double> FinalPoints(int slot, string judge)
    {
        var strictness = Array.IndexOf(GoyangRound.Judges, judge) * 1.5;
        return new() { ["creativity"] = 15, ["effectiveness"] = 15 + (slot * 7 % Finalists), ["sustainability"] = 20 - strictness, ["collaboration"] = 20 };
    }

    static object FinalDefinition(DateTimeOffset now, int count, bool withDistricts = false) => new
    {
        id = Final,
        title = "2024년 복지업무 우수 동 성과보고회 (본선)",
        finalistsOf = new { roundId = Screening, count },
        districts = withDistricts ? new[] { new { id = "gobong", name = "고봉동", email = "gobong@goyang.example" } } : null,
        judges = GoyangRound.Judges.Select((j, i) => new { id = j, name = $"심사위원 {i + 1}", email = $"{j}@judges.example" }),
        rubric = GoyangRound.Rubric.Select(r => new { id = r.Id, title = r.Title, maxPoints = r.MaxPoints }),
        aggregation = "trimmed-mean",
        tiers = new[] { new { id = "best", label = "최우수", quota = 1 }, new { id = "excellent", label = "우수", quota = 3 }, new { id = "encouragement", label = "장려", quota = 7 } },
        submissionDeadline = now.AddHours(1),
        judgingDeadline = now.AddHours(3),
        operatorEmails = new[] { "welfare@goyang.example" },
        quorum = 3,
        judging = "live",
    };

    static string Name(string district) => GoyangRound.Districts.Single(d => d.Id == district).Name;

    static HttpRequestMessage Score(string round, string district, string judgeId, string token, Dictionary<string, double> criteria) =>
        WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}/scores/{judgeId}", token, new { criteria, comment = "발표 잘 들었습니다." });

    static async Task ScoreAsync(HttpClient http, string round, string district, string judgeId, string token, Dictionary<string, double> criteria)
    {
        var put = await http.SendAsync(Score(round, district, judgeId, token, criteria));
        Assert.True(put.StatusCode == HttpStatusCode.Created, $"{district}/{judgeId}: {put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }

    static Task<HttpResponseMessage> Open(HttpClient http, WelfareServer server, string district) =>
        http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{Final}/cases/{district}/open"));

    static async Task<JsonElement> RoundAsync(WelfareServer server, string round) =>
        await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}"))).Content.ReadFromJsonAsync<JsonElement>();

    static JsonElement Case(JsonElement round, string district) =>
        round.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("districtId").GetString() == district);

    static async Task<JsonElement> WaitForCaseAsync(WelfareServer server, string district, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await RoundAsync(server, Final);
            if (done(Case(view, district)))
            {
                Assert.Equal(JsonValueKind.Null, view.GetProperty("current").ValueKind);
                return view;
            }

            if (DateTime.UtcNow > until) throw new TimeoutException($"Case {district} did not settle: {Case(view, district)}");
            await Task.Delay(100);
        }
    }

    static double TrimmedMean(List<double> totals)
    {
        var sorted = totals.Order().ToList();
        return sorted.Count < 3 ? sorted.Average() : sorted.Skip(1).Take(sorted.Count - 2).Average();
    }

    static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> body) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) => await body(item));
}
