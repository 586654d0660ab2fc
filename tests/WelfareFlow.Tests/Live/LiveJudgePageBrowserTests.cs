using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WelfareFlow.Links;
using WelfareFlow.Pages;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Browser;
using WelfareFlow.Tests.Deadlines;
using WelfareFlow.Tests.Ops;
using WelfareFlow.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WelfareFlow.Tests.Live;

/// <summary>
/// A judge's page of a live round on a phone with JavaScript turned off, in a real browser: it waits and refreshes
/// itself, shows the case the operator opened first with its score form, takes the score through the plain form,
/// then shows it scored in the running order and waits again. Axe-clean in Korean and English, touch targets
/// measured on the page, screenshots.
/// </summary>
[Collection("azurite")]
public sealed class LiveJudgePageBrowserTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>WCAG 2.5.5's target size, in CSS pixels.</summary>
    const double TouchTarget = 44;

    [Fact]
    public async Task LiveJudgePage_PhoneWithoutJavaScript_WaitsScoresOpenCaseFirstAndRefreshes()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = "live-phone-" + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        var setup = await TwoCaseRound.JudgingAsync(server, round, DayPageHttpTests.Definition(round, now), now);
        var judgeUrl = $"{server.BaseUrl}/judge/{setup.Token(LinkPurposes.Judge, "judge-2")}";

        await using var phone = await Chromium.PhoneWithoutScriptAsync(browser, "ko");
        var page = await phone.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        IResponse? lastPage = null;
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Url.StartsWith(judgeUrl, StringComparison.Ordinal)) lastPage = response;
        };

        // A second phone looks at the same page for axe, screenshots and the table: its copy does not refresh under the checks.
        await using var inspector = await Chromium.PhoneAsync(browser, "ko");
        var still = await inspector.NewPageAsync();
        still.SetDefaultTimeout(60_000);
        await still.RouteAsync(judgeUrl + "**", async route =>
        {
            var response = await route.FetchAsync();
            await route.FulfillAsync(new() { Response = response, Headers = response.Headers.Where(h => h.Key != "refresh").ToDictionary() });
        });

        // Nothing open yet: the judge is told to wait, and the page asks to be refreshed.
        var waiting = await page.GotoAsync(judgeUrl);
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)waiting!.Status);
        Assert.True(Refreshes(waiting), "The waiting page does not refresh itself.");
        await Expect(page.GetByText(PageText.Korean.WaitingForPresenter)).ToBeVisibleAsync();
        Assert.DoesNotContain("<script", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await CheckAsync(still, judgeUrl, "judge-live-waiting");

        // The operator opens the second case of the running order; the page, with no script, reloads by itself and shows it first.
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/cases/juyeop-1/open"))).StatusCode);
        await Expect(page.GetByText(PageText.Korean.Presenting("juyeop-1동"))).ToBeVisibleAsync(new() { Timeout = 90_000 });
        Assert.False(Refreshes(lastPage!), "The page refreshes while the open case waits for this judge's score.");
        var view = await RoundAsync(server, round);
        Assert.Equal("juyeop-1", view.GetProperty("current").GetString());
        Assert.Equal("case-juyeop-1", await page.Locator("main section.card[id^='case-']").First.GetAttributeAsync("id"));
        var openCase = page.Locator("#case-juyeop-1");
        await Expect(openCase.Locator("form button[type=submit]").First).ToHaveTextAsync(PageText.Korean.SaveScore);
        Assert.Equal(RunningOrder(view, PageText.Korean), await OverviewAsync(page));

        // Every field and button a thumb must hit is at least 44 × 44 CSS pixels, as laid out on this phone.
        var targets = page.Locator("main form input:not([type=hidden]), main form textarea, main form button");
        var boxes = new List<(string What, LocatorBoundingBoxResult Box)>();
        for (var i = 0; i < await targets.CountAsync(); i++)
        {
            var target = targets.Nth(i);
            var box = await target.BoundingBoxAsync();
            Assert.NotNull(box);
            boxes.Add(($"{await target.GetAttributeAsync("name") ?? await target.InnerTextAsync()} in #{await target.Locator("xpath=ancestor::section[1]").GetAttributeAsync("id")}", box));
        }

        Assert.True(boxes.Count >= 2 * (SmallRound.Rubric.Length + 2), $"Only {boxes.Count} touch targets on the page.");
        var small = boxes.Where(b => b.Box.Height < TouchTarget || b.Box.Width < TouchTarget).Select(b => $"{b.What} {b.Box.Width:F0}×{b.Box.Height:F0}").ToList();
        Assert.True(small.Count == 0, "Touch targets under 44 px: " + string.Join(", ", small));
        output.WriteLine($"{boxes.Count} touch targets; the lowest {boxes.Min(b => b.Box.Height):F1} px high, the narrowest {boxes.Min(b => b.Box.Width):F1} px wide");
        await CheckAsync(still, judgeUrl, "judge-live");

        // The judge scores through the plain form (no script): the page then shows it scored and waits again, refreshing.
        foreach (var (_, title, max) in SmallRound.Rubric)
        {
            await openCase.GetByLabel(title).FillAsync((max - 5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await openCase.GetByLabel(PageText.Korean.Comment).FillAsync("휴대전화로 채점했습니다.");
        await openCase.GetByRole(AriaRole.Button, new() { Name = PageText.Korean.SaveScore }).ClickAsync();
        await Expect(page.GetByText(PageText.Korean.ScoreSaved("juyeop-1동"))).ToBeVisibleAsync();
        Assert.Contains("saved=juyeop-1", lastPage!.Url, StringComparison.Ordinal);
        Assert.True(Refreshes(lastPage), "After scoring the open case the page does not refresh itself while the judge waits.");
        await Expect(page.GetByText(PageText.Korean.PresentingDone("juyeop-1동"))).ToBeVisibleAsync();
        view = await RoundAsync(server, round);
        Assert.Equal("scored", Case(view, "juyeop-1").GetProperty("judges").GetProperty("judge-2").GetString());
        foreach (var (language, text) in new[] { ("ko", PageText.Korean), ("en", PageText.English) })
        {
            await CheckAsync(still, judgeUrl, "judge-live-scored", language);
            Assert.Equal(RunningOrder(view, text), await OverviewAsync(still));
        }
    }

    /// <summary>The HTTP <c>Refresh</c> header (not a meta refresh, which axe counts against WCAG 2.2.1): Chromium follows it without script.</summary>
    static bool Refreshes(IResponse response) => response.Headers.TryGetValue("refresh", out var seconds) && int.TryParse(seconds, out var s) && s > 0;

    /// <summary>The overview table's rows as "district: state", top to bottom.</summary>
    static async Task<List<string>> OverviewAsync(IPage page)
    {
        var rows = page.Locator("section[aria-labelledby=overview-h] tbody tr");
        var lines = new List<string>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var cells = rows.Nth(i).Locator("td");
            lines.Add($"{await cells.Nth(0).Locator("a").InnerTextAsync()}: {(await cells.Nth(1).InnerTextAsync()).Trim()}");
        }

        return lines;
    }

    /// <summary>What the overview must say, from the API's round view: the open case first, then the running order, with this judge's mark.</summary>
    static List<string> RunningOrder(JsonElement view, PageText text)
    {
        var current = view.GetProperty("current").GetString();
        return [.. view.GetProperty("cases").EnumerateArray()
            .OrderBy(c => c.GetProperty("districtId").GetString() == current ? 0 : 1).ThenBy(c => c.GetProperty("order").GetInt32())
            .Select(c => $"{c.GetProperty("districtId").GetString()}동: {c.GetProperty("judges").GetProperty("judge-2").GetString() switch
            {
                "scored" => text.StateScored,
                "recused" => text.StateRecused,
                _ => text.StatePending,
            }}")];
    }

    /// <summary>Axe, a screenshot and no sideways scrolling, in Korean and English (or just <paramref name="only"/>).</summary>
    static async Task CheckAsync(IPage page, string url, string screenshot, string? only = null)
    {
        foreach (var language in only is null ? ["ko", "en"] : new[] { only })
        {
            var name = $"{screenshot}-{language}-phone";
            await page.GotoAsync($"{url}?lang={language}");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Chromium.AssertAccessibleAsync(page, name);
            await Chromium.ScreenshotAsync(page, name);
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 400, $"{name}: the page is {width}px wide in a 390px window.");
        }
    }

    static async Task<JsonElement> RoundAsync(WelfareServer server, string round) =>
        await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}"))).Content.ReadFromJsonAsync<JsonElement>();

    static JsonElement Case(JsonElement round, string district) =>
        round.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("districtId").GetString() == district);
}
