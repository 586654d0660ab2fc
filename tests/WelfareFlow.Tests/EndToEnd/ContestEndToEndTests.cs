using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;
using Xunit.Abstractions;

namespace WelfareFlow.Tests.EndToEnd;

/// <summary>
/// One whole round through HTTP and email only, as clients do it: 44 districts invited, 12 submit (among
/// them the 2024 finalists Gobong-dong and Juyeop 1-dong), 4 judges score through the links in their
/// emails, an operator approves, results and result emails come out.
/// </summary>
[Collection("azurite")]
public sealed class ContestEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    static readonly string[] Submitting = ["gobong", "juyeop-1", "madu-1", "haengsin-2", "ilsan-3", "hwajeong-1", "daehwa", "jugyo", "siksa", "tanhyeon-2", "songpo", "baekseok-1"];

    [Fact]
    public async Task Round_FromCreationToPublishedResults_OverHttpAndEmail()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var http = server.Client;
        var now = DateTimeOffset.UtcNow;

        var created = await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", GoyangRound.Definition("goyang-2024", now.AddHours(1), now.AddHours(2), requireApproval: true)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/rounds/goyang-2024", created.Headers.Location?.OriginalString);

        // Every district is invited; 12 submit through the link in their own email.
        var invitations = await server.Mailbox.WaitForAsync("district-invitation", GoyangRound.Districts.Length);
        Assert.Equal(GoyangRound.Districts.Length, invitations.Select(m => m.To).Distinct().Count());
        var submitTokens = invitations.ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "submit"));
        foreach (var district in Submitting)
        {
            var name = GoyangRound.Districts.Single(d => d.Id == district).Name;
            var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/goyang-2024/cases/{district}", submitTokens[district],
                new { title = $"{name} 1인가구 고독사 예방 사업", summary = $"{name}의 사례: 이웃 돌봄망과 안부 확인.", category = "돌봄" }));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var edited = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/goyang-2024/cases/gobong", submitTokens["gobong"],
            new { title = "고봉동 이웃 안부 확인 사업 (수정)", summary = "수정된 요약", category = "돌봄" }));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var closeWatch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds/goyang-2024/close-submissions"))).StatusCode);
        var judgeMails = await server.Mailbox.WaitForAsync("judge-invitation", GoyangRound.Judges.Length);
        var closeToLastJudgeEmail = closeWatch.Elapsed;

        var round = await http.SendAsync(server.Operator(HttpMethod.Get, "/api/rounds/goyang-2024"));
        var view = await round.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("judging", view.GetProperty("phase").GetString());
        Assert.Equal(Submitting.Order(), view.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("districtId").GetString()).Order());

        // Each judge scores every case through the link in their email; judge-4 then revises one score.
        var judgeTokens = judgeMails.ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "judge"));
        var points = Scores();
        var lastScore = Stopwatch.StartNew();
        foreach (var ((district, judge), criteria) in points)
        {
            var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/goyang-2024/cases/{district}/scores/{judge}", judgeTokens[judge], new { criteria, comment = "좋은 사례입니다." }));
            Assert.True(put.StatusCode == HttpStatusCode.Created, $"{district}/{judge}: {put.StatusCode} {await put.Content.ReadAsStringAsync()}");
            if (district == "songpo" && judge == "judge-3")
            {
                // Revise before the last judge's score arrives, so the case is still open.
                var revised = new Dictionary<string, double>(criteria) { ["creativity"] = 19.5 };
                points[(district, judge)] = revised;
                var revision = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/goyang-2024/cases/{district}/scores/{judge}", judgeTokens[judge], new { criteria = revised, comment = "재검토 후 상향" }));
                Assert.Equal(HttpStatusCode.OK, revision.StatusCode);
            }

            lastScore.Restart();
        }

        var review = await WaitForPhaseAsync(server, "goyang-2024", "review");
        var lastScoreToAllocated = lastScore.Elapsed;
        Assert.All(review.GetProperty("cases").EnumerateArray(), c => Assert.Equal("final", c.GetProperty("status").GetString()));

        var special = await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds/goyang-2024/special-awards",
            new { districtId = "juyeop-1", title = "특별상", reason = "지역 자원 연계의 모범" }));
        Assert.Equal(HttpStatusCode.Created, special.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds/goyang-2024/publish"))).StatusCode);
        await WaitForPhaseAsync(server, "goyang-2024", "published");
        var lastScoreToPublished = lastScore.Elapsed;

        // Results: the trimmed mean of each case's four totals, computed here from what the judges sent.
        var results = await (await http.SendAsync(server.Operator(HttpMethod.Get, "/api/rounds/goyang-2024/results"))).Content.ReadFromJsonAsync<JsonElement>();
        var expected = Submitting.ToDictionary(d => d, d => TrimmedMean(GoyangRound.Judges.Select(j => points[(d, j)].Values.Sum()).ToList()));
        var expectedOrder = expected.OrderByDescending(e => e.Value).Select(e => e.Key).ToList();
        var awards = results.GetProperty("awards").EnumerateArray().ToList();
        Assert.Equal(expectedOrder, awards.Select(a => a.GetProperty("districtId").GetString()));
        foreach (var award in awards)
        {
            Assert.Equal(Math.Round(expected[award.GetProperty("districtId").GetString()!], 2), award.GetProperty("score").GetDouble(), 2);
        }

        Assert.Equal("gobong", awards[0].GetProperty("districtId").GetString());
        Assert.Equal("고봉동", awards[0].GetProperty("districtName").GetString());
        Assert.Equal("best", awards[0].GetProperty("tier").GetString());
        Assert.Equal(["excellent", "excellent", "excellent"], awards.Skip(1).Take(3).Select(a => a.GetProperty("tier").GetString()));
        Assert.All(awards.Skip(4).Take(7), a => Assert.Equal("encouragement", a.GetProperty("tier").GetString()));
        Assert.Equal(JsonValueKind.Null, awards[11].GetProperty("tier").ValueKind);
        Assert.Equal("juyeop-1", results.GetProperty("specialAwards")[0].GetProperty("districtId").GetString());

        // CSV for spreadsheets: UTF-8 with BOM, Korean names intact.
        var csvRequest = server.Operator(HttpMethod.Get, "/api/rounds/goyang-2024/results");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await http.SendAsync(csvRequest)).Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        Assert.Contains("1,gobong,고봉동", Encoding.UTF8.GetString(csv[3..]), StringComparison.Ordinal);

        // Every submitting district gets its result; judges get the final table.
        var resultMails = await server.Mailbox.WaitForAsync("district-result", Submitting.Length);
        Assert.Equal(Submitting.Order(), resultMails.Select(m => m.To.Split('@')[0]).Order());
        Assert.Contains("최우수", resultMails.Single(m => m.To.StartsWith("gobong@", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
        await server.Mailbox.WaitForAsync("judge-thanks", GoyangRound.Judges.Length);

        // The audit trail holds the revision with what it replaced, as data rather than an escaped string.
        var audit = await (await http.SendAsync(server.Operator(HttpMethod.Get, "/api/rounds/goyang-2024/audit"))).Content.ReadFromJsonAsync<JsonElement>();
        var revisionEntry = audit.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "score-revised");
        Assert.Equal("songpo/judge-3", revisionEntry.GetProperty("subject").GetString());
        Assert.Equal(19.5, JsonDocument.Parse(revisionEntry.GetProperty("after").GetString()!).RootElement.GetProperty("criteria").GetProperty("creativity").GetDouble());
        Assert.NotEqual(19.5, JsonDocument.Parse(revisionEntry.GetProperty("before").GetString()!).RootElement.GetProperty("criteria").GetProperty("creativity").GetDouble());

        output.WriteLine($"close-submissions -> last judge email: {closeToLastJudgeEmail.TotalMilliseconds:F0} ms");
        output.WriteLine($"last score -> results allocated:     {lastScoreToAllocated.TotalMilliseconds:F0} ms");
        output.WriteLine($"last score -> published (incl. approval call): {lastScoreToPublished.TotalMilliseconds:F0} ms");
        Console.WriteLine($"[e2e figures] close->last judge email {closeToLastJudgeEmail.TotalMilliseconds:F0} ms; last score->allocated {lastScoreToAllocated.TotalMilliseconds:F0} ms; last score->published {lastScoreToPublished.TotalMilliseconds:F0} ms");
    }

    /// <summary>Deterministic, distinct points: gobong clearly first, then descending by position in the list.</summary>
    static Dictionary<(string District, string Judge), Dictionary<string, double>> Scores()
    {
        var scores = new Dictionary<(string, string), Dictionary<string, double>>();
        for (var d = 0; d < Submitting.Length; d++)
        {
            for (var j = 0; j < GoyangRound.Judges.Length; j++)
            {
                var strength = 0.95 - d * 0.06 + (j - 1.5) * 0.01;
                scores[(Submitting[d], GoyangRound.Judges[j])] = GoyangRound.Rubric.ToDictionary(r => r.Id, r => Math.Round(r.MaxPoints * strength * 2, MidpointRounding.AwayFromZero) / 2);
            }
        }

        return scores;
    }

    static double TrimmedMean(List<double> totals)
    {
        var sorted = totals.Order().ToList();
        return sorted.Skip(1).Take(sorted.Count - 2).Average();
    }

    internal static async Task<JsonElement> WaitForPhaseAsync(WelfareServer server, string roundId, string phase)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var view = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{roundId}"))).Content.ReadFromJsonAsync<JsonElement>();
            if (view.GetProperty("phase").GetString() == phase) return view;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Round {roundId} stayed in phase {view.GetProperty("phase").GetString()}.");
            await Task.Delay(100);
        }
    }
}
