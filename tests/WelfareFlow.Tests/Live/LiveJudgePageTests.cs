using System.Net;
using WelfareFlow.Links;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Deadlines;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Live;

/// <summary>The judge page of a live round over HTTP (no JavaScript): the open case first, a refresh while the
/// judge waits, and the recusal form recording a recusal as the API does.</summary>
[Collection("azurite")]
public sealed class LiveJudgePageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task JudgePage_LiveRound_OpenCaseFirstRefreshesWhileWaitingAndRecusalForm()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var http = server.Client;
        const string round = "live-page-2024";
        var now = DateTimeOffset.UtcNow;
        var definition = new Dictionary<string, object?>
        {
            ["id"] = round, ["title"] = "본선 심사 화면 시험", ["judging"] = "live",
            ["districts"] = TwoCaseRound.Districts.Select(d => new { id = d, name = $"{d}동", email = $"{d}@goyang.example" }),
            ["judges"] = new[] { "judge-1", "judge-2" }.Select(j => new { id = j, name = j, email = $"{j}@judges.example" }),
            ["rubric"] = SmallRound.Rubric.Select(r => new { id = r.Id, title = r.Title, maxPoints = r.MaxPoints }), ["aggregation"] = "mean",
            ["tiers"] = new[] { new { id = "best", label = "최우수", quota = 1 } }, ["submissionDeadline"] = now.AddHours(1), ["judgingDeadline"] = now.AddHours(2),
        };
        var setup = await TwoCaseRound.JudgingAsync(server, round, definition, now);
        var judgePath = $"/judge/{setup.Token(LinkPurposes.Judge, "judge-2")}";
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };

        // Nothing open: the page says it waits and refreshes itself.
        var waiting = await browser.GetAsync(judgePath);
        Assert.Equal("15", waiting.Headers.GetValues("Refresh").Single());
        Assert.Contains("다음 발표를 기다리는 중", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // juyeop-1 opens: its case comes first (before gobong, which sorts first by name), no refresh while it waits for a score.
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/cases/juyeop-1/open"))).StatusCode);
        var presenting = await browser.GetAsync(judgePath + "?lang=en");
        var html = await presenting.Content.ReadAsStringAsync();
        Assert.False(presenting.Headers.Contains("Refresh"));
        Assert.Contains("Presenting now: juyeop-1동", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"case-juyeop-1\"", StringComparison.Ordinal) < html.IndexOf("id=\"case-gobong\"", StringComparison.Ordinal));

        // The recusal form (same-origin token in the page) records the recusal; the case then shows it.
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = LinkRound.FormField(html), ["reason"] = "가족이 해당 동 직원 / family member works there" });
        var posted = await browser.PostAsync($"{judgePath}/cases/juyeop-1/recusal", form);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var after = await (await browser.GetAsync(judgePath + "?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("You recused yourself from this case", after, StringComparison.Ordinal);
        var view = await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}"))).Content.ReadAsStringAsync();
        Assert.Contains("\"judge-2\":\"recused\"", view, StringComparison.Ordinal);
    }
}
