using System.Net;
using System.Text.RegularExpressions;
using WelfareFlow.Links;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Deadlines;
using WelfareFlow.Tests.Live;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Ops;

/// <summary>The operator's day page and the ceremony screen over plain HTTP with a signed-in cookie, on the real Server and Azurite: a live round
/// of two cases driven through the page's own forms (open next, close, open next), then its results revealed step by step, in Korean and English.</summary>
[Collection("azurite")]
public sealed partial class DayPageHttpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DayPageAndCeremony_LiveRound_FormsRunTheDayAndStepsRevealResults()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = "day-page-" + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        var setup = await TwoCaseRound.JudgingAsync(server, round, Definition(round, now), now);
        using var browser = await DashboardHttpTests.SignedInAsync(server);
        var day = $"/ops/rounds/{round}/day";

        // The round page links the day while the live round is judging.
        Assert.Contains($"href=\"{day}\"", await (await browser.GetAsync($"/ops/rounds/{round}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing open: both cases wait in the definition's order; the page refreshes itself; the one button opens gobong.
        var waiting = await browser.GetAsync(day);
        var html = await waiting.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.Equal("5", waiting.Headers.GetValues("Refresh").Single());
        Assert.Contains("default-src 'none'", waiting.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("지금 발표 중인 사례가 없습니다", html, StringComparison.Ordinal);
        Assert.Contains("다음 발표: 1. gobong동", html, StringComparison.Ordinal);
        Assert.Equal(["발표 전", "발표 전"], States(html));

        var before = DateTimeOffset.UtcNow;
        var next = await browser.PostAsync(day, PageChecks.Form(("_csrf", LinkRound.FormField(html)), ("do", "next"), ("districtId", "gobong")));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal($"{day}?done=next", next.Headers.Location?.OriginalString);
        var opened = new[] { before, DateTimeOffset.UtcNow }.Select(WelfareFlow.SeoulTime.English).ToList();

        // gobong presents: judge-1 scores it; the page (English) names who scored, who has not, and since when (Seoul time).
        var score = WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/gobong/scores/judge-1", setup.Token(LinkPurposes.Judge, "judge-1"), SmallRound.Score(40, 30));
        Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(score)).StatusCode);
        var presenting = await (await browser.GetAsync($"{day}?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", presenting, StringComparison.Ordinal);
        Assert.Equal(["Presenting", "Not presented yet"], States(presenting));
        Assert.Equal(["judge-1: Scored", "judge-2: Pending"], Judges(presenting));
        Assert.Contains(opened, presenting.Contains);
        Assert.Contains("Next to present: 2. juyeop-1동", presenting, StringComparison.Ordinal);

        // While gobong is open, opening juyeop-1 by itself is refused with words (409, in the language chosen last), not an error page.
        var refused = await browser.PostAsync(day, PageChecks.Form(("_csrf", LinkRound.FormField(presenting)), ("do", "open"), ("districtId", "juyeop-1")));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Not done: another case is open", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Close gobong's scoring from its row: it no longer presents (closed, or final once its case settles).
        var closed = await browser.PostAsync(day, PageChecks.Form(("_csrf", LinkRound.FormField(presenting)), ("do", "close"), ("districtId", "gobong")));
        Assert.Equal($"{day}?done=close", closed.Headers.Location?.OriginalString);
        var afterClose = await (await browser.GetAsync($"{day}?done=close&lang=ko")).Content.ReadAsStringAsync();
        Assert.Contains("완료했습니다: 채점 마감", afterClose, StringComparison.Ordinal);
        Assert.Contains(States(afterClose)[0], new[] { "채점 마감됨", "확정" });
        Assert.Equal("발표 전", States(afterClose)[1]);

        // Open next from the page opens juyeop-1; the API's round view agrees on what is current.
        var second = await browser.PostAsync(day, PageChecks.Form(("_csrf", LinkRound.FormField(afterClose)), ("do", "next"), ("districtId", "juyeop-1")));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var view = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}"))).Content.ReadAsStringAsync();
        Assert.Contains("\"current\":\"juyeop-1\"", view, StringComparison.Ordinal);
        var last = await (await browser.GetAsync(day)).Content.ReadAsStringAsync();
        Assert.Equal("발표 중", States(last)[1]);
        Assert.Equal(["judge-1: 대기", "judge-2: 대기"], Judges(last));

        // A form without the CSRF value, or for an action the page does not have, changes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(day, PageChecks.Form(("do", "close"), ("districtId", "juyeop-1")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(day, PageChecks.Form(("_csrf", LinkRound.FormField(last)), ("do", "publish"), ("districtId", "juyeop-1")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/ops/rounds/nope/day")).StatusCode);

        // The ceremony screen before results: a 409 page in words.
        var early = await browser.GetAsync($"/ops/rounds/{round}/ceremony");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("아직 결과가 산정되지 않았습니다", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A special award, both judges score juyeop-1 (final by itself), results are allocated.
        var special = server.Operator(HttpMethod.Post, $"/api/rounds/{round}/special-awards", new { districtId = "gobong", title = "창의상", reason = "새로운 시도" });
        Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(special)).StatusCode);
        foreach (var judge in new[] { "judge-1", "judge-2" })
        {
            var put = WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/juyeop-1/scores/{judge}", setup.Token(LinkPurposes.Judge, judge), SmallRound.Score(45, 45));
            Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(put)).StatusCode);
        }

        await WelfareFlow.Tests.EndToEnd.ContestEndToEndTests.WaitForPhaseAsync(server, round, "published");

        // The ceremony: the lowest tier first, then the best, then the special award, then the whole table; plain links between steps.
        var ceremony = $"/ops/rounds/{round}/ceremony";
        var first = await browser.GetAsync(ceremony);
        var step1 = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("<html lang=\"ko\">", step1, StringComparison.Ordinal);
        Assert.Contains("4단계 중 1단계", step1, StringComparison.Ordinal);
        Assert.Equal(("우수", "gobong동"), Slide(step1));
        Assert.Contains($"href=\"{ceremony}?step=2\" rel=\"next\" accesskey=\"n\"", step1, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", step1, StringComparison.Ordinal);
        Assert.Equal(("최우수", "juyeop-1동"), Slide(await (await browser.GetAsync($"{ceremony}?step=2")).Content.ReadAsStringAsync()));
        Assert.Equal(("특별상", "창의상: gobong동"), Slide(await (await browser.GetAsync($"{ceremony}?step=3")).Content.ReadAsStringAsync()));
        var table = await (await browser.GetAsync($"{ceremony}?step=4&lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("<h1>All results</h1>", table, StringComparison.Ordinal);
        Assert.Contains("step 4 of 4", table, StringComparison.Ordinal);
        Assert.True(table.IndexOf(">juyeop-1동<", StringComparison.Ordinal) < table.IndexOf(">gobong동<", StringComparison.Ordinal));
        Assert.Contains($"href=\"{ceremony}?step=3\" rel=\"prev\" accesskey=\"p\"", table, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", table, StringComparison.Ordinal);

        // Any other step in the address shows the nearest step, never an error.
        Assert.Contains("step 4 of 4", await (await browser.GetAsync($"{ceremony}?step=99")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("step 1 of 4", await (await browser.GetAsync($"{ceremony}?step=%3Cx%3E")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A ceremony step's heading and its winners.</summary>
    internal static (string Heading, string Winners) Slide(string html) =>
        (Regex.Match(html, "<h1>([^<]*)</h1>").Groups[1].Value, string.Join(" | ", Regex.Matches(html, "<li>([^<]*)</li>").Select(m => m.Groups[1].Value)));

    /// <summary>Each running-order row's state, in order.</summary>
    static List<string> States(string html) => [.. StateCell().Matches(html[html.IndexOf("id=\"order\"", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value)];

    /// <summary>"judge: mark" for each judge of the open case.</summary>
    static List<string> Judges(string html) => [.. JudgeRow().Matches(html).Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value}")];

    [GeneratedRegex("<th scope=\"row\">[^<]*<span class=\"muted\">\\([^)]*\\)</span></th>\\s*<td class=\"[^\"]*\">([^<]*)</td>")]
    private static partial Regex StateCell();

    [GeneratedRegex("<th scope=\"row\">[^<]*<span class=\"muted\">\\(([^)]*)\\)</span></th><td class=\"[^\"]*\">([^<]*)</td></tr>")]
    private static partial Regex JudgeRow();

    internal static Dictionary<string, object?> Definition(string round, DateTimeOffset now) => new()
    {
        ["id"] = round, ["title"] = "발표회 진행 화면 시험", ["judging"] = "live",
        ["districts"] = TwoCaseRound.Districts.Select(d => new { id = d, name = $"{d}동", email = $"{d}@goyang.example" }),
        ["judges"] = new[] { "judge-1", "judge-2" }.Select(j => new { id = j, name = j, email = $"{j}@judges.example" }),
        ["rubric"] = SmallRound.Rubric.Select(r => new { id = r.Id, title = r.Title, maxPoints = r.MaxPoints }), ["aggregation"] = "mean",
        ["tiers"] = new[] { new { id = "best", label = "최우수", quota = 1 }, new { id = "excellent", label = "우수", quota = 1 } }, ["quorum"] = 1, ["submissionDeadline"] = now.AddHours(1), ["judgingDeadline"] = now.AddHours(2),
    };
}
