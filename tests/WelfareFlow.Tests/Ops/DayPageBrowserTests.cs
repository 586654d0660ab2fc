using System.Net;
using Microsoft.Playwright;
using WelfareFlow.Links;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Deadlines;
using WelfareFlow.Tests.EndToEnd;
using WelfareFlow.Tests.Live;
using WelfareFlow.Tests.Browser;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Ops;

/// <summary>The day page and the ceremony screen in a real browser: axe-clean in Korean and English, desktop and
/// phone, no sideways scrolling on the phone, the "open next" button clicked, screenshots for people to look at.</summary>
[Collection("azurite")]
public sealed class DayPageBrowserTests(AzuriteFixture azurite)
{
    static readonly (string Language, bool Phone)[] Views = [("ko", false), ("en", false), ("ko", true), ("en", true)];

    [Fact]
    public async Task DayPageAndCeremony_BothLanguagesDesktopAndPhone_AccessibleAndClickable()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = "day-browser-" + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        var setup = await TwoCaseRound.JudgingAsync(server, round, DayPageHttpTests.Definition(round, now), now);
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/cases/gobong/open"))).StatusCode);
        await ScoreAsync(server, setup, round, "gobong", "judge-1");

        var desktop = await Chromium.DesktopAsync(browser, "ko");
        var page = await desktop.NewPageAsync();
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{round}/day?refresh=off");
        await page.FillAsync("#key", WelfareServer.OperatorKey);
        await page.ClickAsync("button[type=submit].primary");
        var cookie = (await desktop.CookiesAsync()).Single(c => c.Name == "wf-ops");

        // The day with gobong presenting (one judge scored, one pending), in every view.
        foreach (var (language, phone) in Views)
        {
            var view = await ViewAsync(browser, cookie, language, phone);
            await view.GotoAsync($"{server.BaseUrl}/ops/rounds/{round}/day?refresh=off&lang={language}");
            Assert.Contains(language == "en" ? "Open the next case" : "다음 사례 시작", await view.ContentAsync(), StringComparison.Ordinal);
            await CheckAsync(view, $"ops-day-{language}-{Device(phone)}", phone);
        }

        // One click closes gobong and opens juyeop-1.
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{round}/day?refresh=off&lang=ko");
        await page.ClickAsync("#open-next");
        Assert.Contains("완료했습니다: 다음 사례 시작", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains("발표 중", await page.InnerTextAsync("#day-juyeop-1"), StringComparison.Ordinal);

        foreach (var judge in new[] { "judge-1", "judge-2" }) await ScoreAsync(server, setup, round, "juyeop-1", judge);
        await ContestEndToEndTests.WaitForPhaseAsync(server, round, "published");

        // Every ceremony step in every view (two tiers, no special award: three steps); the last reached from the keyboard on the "next" link.
        foreach (var (language, phone) in Views)
        {
            var view = await ViewAsync(browser, cookie, language, phone);
            for (var step = 1; step <= 2; step++)
            {
                await view.GotoAsync($"{server.BaseUrl}/ops/rounds/{round}/ceremony?step={step}&lang={language}");
                await CheckAsync(view, $"ops-ceremony-{step}-{language}-{Device(phone)}", phone);
            }

            await view.FocusAsync("a[rel=next]");
            // The waiter is set before the key is pressed, and the wait is long: a loaded machine may take a while to answer.
            var navigated = view.WaitForURLAsync(url => url.Contains("step=3", StringComparison.Ordinal), new() { Timeout = 90_000 });
            await view.Keyboard.PressAsync("Enter");
            await navigated;
            Assert.Contains(language == "en" ? "All results" : "전체 결과", await view.InnerTextAsync("h1"), StringComparison.Ordinal);
            await CheckAsync(view, $"ops-ceremony-3-{language}-{Device(phone)}", phone);
        }
    }

    static string Device(bool phone) => phone ? "phone" : "desktop";

    static async Task<IPage> ViewAsync(IBrowser browser, BrowserContextCookiesResult cookie, string language, bool phone)
    {
        var context = phone ? await Chromium.PhoneAsync(browser, language) : await Chromium.DesktopAsync(browser, language);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path, HttpOnly = true, SameSite = SameSiteAttribute.Strict }]);
        return await context.NewPageAsync();
    }

    static async Task CheckAsync(IPage view, string screenshot, bool phone)
    {
        await Chromium.AssertAccessibleAsync(view);
        await Chromium.ScreenshotAsync(view, screenshot);
        if (!phone) return;
        var width = await view.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 400, $"{screenshot}: the page is {width}px wide in a 390px window.");
    }

    static async Task ScoreAsync(WelfareServer server, TwoCaseRound setup, string round, string district, string judge)
    {
        var put = WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}/scores/{judge}", setup.Token(LinkPurposes.Judge, judge), SmallRound.Score(district == "gobong" ? 40 : 45, 45));
        Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(put)).StatusCode);
    }
}
