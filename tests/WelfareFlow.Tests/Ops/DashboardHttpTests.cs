using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Ops;

/// <summary>
/// The dashboard over plain HTTP with a signed-in cookie: a round with more cases than one page holds is paged and
/// filtered (a person never gets every row at once), times are Seoul time with the zone, words are Korean.
/// </summary>
[Collection("azurite")]
public sealed partial class DashboardHttpTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output)
{
    const int CaseCount = 230;

    [Fact]
    public async Task RoundPage_ManyCases_IsPagedFilteredAndInSeoulTime()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var id = "ops-many-" + Guid.NewGuid().ToString("N")[..6];
        var deadline = new DateTimeOffset(2031, 11, 28, 9, 27, 0, TimeSpan.Zero);
        var created = await server.Client.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", Definition(id, deadline)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cases = server.Services.GetRequiredService<CaseStore>();
        await Parallel.ForEachAsync(Enumerable.Range(0, CaseCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await cases.SubmitAsync(id, District(i), $"사례 {i}", "요약", "돌봄", DateTimeOffset.UtcNow, ct));

        using var browser = await SignedInAsync(server);
        await browser.GetAsync($"/ops/rounds/{id}");
        // Reported, not asserted (speed belongs to benchmarks): one page of a round of this size, warm.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = await browser.GetAsync($"/ops/rounds/{id}");
        output.WriteLine($"round page with {CaseCount} cases × 4 judges: {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        await browser.GetAsync($"/ops/rounds/{id}?show=escalated");
        output.WriteLine($"the same, filtered to no case: {clock.ElapsedMilliseconds} ms");
        var html = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);

        // Seoul time with its zone (09:27 UTC is 18:27 in Seoul), never UTC; the method in Korean.
        Assert.Contains("2031년 11월 28일 18:27 (KST)", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z", html);
        Assert.Contains("절사평균", html, StringComparison.Ordinal);

        // One page of the matrix: 100 cases, the first ones; a link to the next page.
        Assert.Equal(100, MatrixRows(html).Count);
        Assert.Equal(District(0), MatrixRows(html)[0]);
        Assert.Contains("3쪽 중 1쪽 (모두 230건)", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/ops/rounds/{id}?page=2#matrix\"", html, StringComparison.Ordinal);
        var last = await (await browser.GetAsync($"/ops/rounds/{id}?page=3")).Content.ReadAsStringAsync();
        Assert.Equal(CaseCount - 200, MatrixRows(last).Count);
        Assert.Equal(District(200), MatrixRows(last)[0]);
        // Each row names its district (read for the shown page only).
        Assert.Contains($"<th scope=\"row\">200동<br><span class=\"muted\">{District(200)}</span></th>", last, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{CaseCount - 1}동<br><span class=\"muted\">{District(CaseCount - 1)}</span></th>", last, StringComparison.Ordinal);

        // Anything unreadable is the first page, never an error.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/ops/rounds/{id}?page=-4&show=%3Cx%3E&auditPage=zz")).StatusCode);

        // No case is judging yet: the "escalated only" filter finds none; a judge filter keeps that judge's column only.
        var escalated = await (await browser.GetAsync($"/ops/rounds/{id}?show=escalated")).Content.ReadAsStringAsync();
        Assert.Empty(MatrixRows(escalated));
        Assert.Contains("조건에 맞는 사례가 없습니다", escalated, StringComparison.Ordinal);
        var oneJudge = await (await browser.GetAsync($"/ops/rounds/{id}?judge=judge-2&page=2")).Content.ReadAsStringAsync();
        Assert.Equal(100, MatrixRows(oneJudge).Count);
        Assert.Contains($"href=\"/ops/rounds/{id}?judge=judge-2#matrix\"", oneJudge, StringComparison.Ordinal);

        // The rounds list and the award sheet (not allocated yet: 409 with words, not JSON).
        Assert.Contains("2031년 11월 28일 18:27 (KST)", await (await browser.GetAsync("/ops")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sheet = await browser.GetAsync($"/ops/rounds/{id}/award-sheet");
        Assert.Equal(HttpStatusCode.Conflict, sheet.StatusCode);
        Assert.Contains("아직 결과가 산정되지 않았습니다", await sheet.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An action's confirmation page: the form, its CSRF field, the deadline asked in Seoul time.
        var action = await browser.GetAsync($"/ops/rounds/{id}/actions/extend-deadline");
        var form = await action.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, action.StatusCode);
        Assert.Contains("name=\"_csrf\"", form, StringComparison.Ordinal);
        Assert.Contains("새 마감 시각 (서울 시각, KST)", form, StringComparison.Ordinal);
        Assert.Contains("type=\"datetime-local\"", form, StringComparison.Ordinal);

        // English: the other format of the same moment.
        var english = await (await browser.GetAsync($"/ops/rounds/{id}?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("28 Nov 2031, 18:27 KST", english, StringComparison.Ordinal);
        Assert.Contains("trimmed mean", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_Unknown_AreFriendly404()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        using var browser = await SignedInAsync(server);
        foreach (var path in new[] { "/ops/rounds/nope", "/ops/rounds/nope/award-sheet", "/ops/rounds/nope/actions/publish", "/ops/rounds/nope/instances/other" })
        {
            var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("찾을 수 없습니다", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    static string District(int i) => $"d{i:D4}";

    static List<string> MatrixRows(string html) =>
        [.. RowHeader().Matches(html[html.IndexOf("id=\"matrix\"", StringComparison.Ordinal)..html.IndexOf("id=\"instances\"", StringComparison.Ordinal)])
            .Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<th scope=\"row\">[^<]*<br><span class=\"muted\">([^<]+)</span></th>")]
    private static partial Regex RowHeader();

    /// <summary>A cookie-keeping client signed in through the sign-in form, as a browser would be.</summary>
    internal static async Task<HttpClient> SignedInAsync(WelfareServer server)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");
        var signIn = await client.PostAsync("/ops/sign-in", PageChecks.Form(("key", WelfareServer.OperatorKey), ("returnUrl", "/ops")));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    static object Definition(string id, DateTimeOffset judgingDeadline) => new
    {
        id,
        title = "대규모 회차",
        districts = Enumerable.Range(0, CaseCount).Select(i => new { id = District(i), name = $"{i}동", email = $"{District(i)}@goyang.example" }),
        judges = new[] { 1, 2, 3, 4 }.Select(i => new { id = $"judge-{i}", name = $"심사위원 {i}", email = $"judge-{i}@judges.example" }),
        rubric = new[] { new { id = "creativity", title = "창의성", maxPoints = 20 } },
        aggregation = "trimmed-mean",
        tiers = new[] { new { id = "best", label = "최우수", quota = 1 } },
        submissionDeadline = judgingDeadline.AddDays(-7),
        judgingDeadline,
    };
}
