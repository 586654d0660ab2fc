using WelfareFlow.Tests.Browser;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Management;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace WelfareFlow.Tests.Ops;

/// <summary>
/// An operator in a real browser: signs in, watches a round progress to published, performs each action once
/// through the dashboard's confirmation pages, exports; axe-core finds no serious or critical violation; the
/// screenshots docs/screenshots/ops-*.png come from here (refreshed only with WELFAREFLOW_SCREENSHOTS).
/// </summary>
[Collection("azurite")]
public sealed class DashboardBrowserTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    const string Round = "ops-2024";

    static readonly (string Id, string Name)[] Districts = [("gobong", "고봉동"), ("juyeop-1", "주엽1동"), ("madu-1", "마두1동"), ("daehwa", "대화동")];

    [Fact]
    public async Task Operator_SignsInWatchesActsAndExports_InKoreanAndEnglish()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var http = server.Client;
        var created = DateTimeOffset.UtcNow;
        // Generous: on a busy machine the invitations alone can take most of a minute.
        var judgingDeadline = created.AddSeconds(100);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", Definition(created.AddSeconds(90), judgingDeadline)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", Definition(created.AddHours(1), created.AddHours(2), "ops-scratch")))).StatusCode);

        var desktop = await Chromium.DesktopAsync(browser, "ko");
        var page = await desktop.NewPageAsync();

        // Sign in: the dashboard sends a stranger to the sign-in page; a wrong key is refused.
        await page.GotoAsync($"{server.BaseUrl}/ops");
        Assert.EndsWith("/ops/sign-in?returnUrl=%2Fops", page.Url, StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ops-sign-in-ko-desktop");
        await page.FillAsync("#key", "wrong");
        await page.ClickAsync("button[type=submit].primary");
        Assert.Contains("운영자 키가 맞지 않습니다", await page.ContentAsync(), StringComparison.Ordinal);
        await page.FillAsync("#key", WelfareServer.OperatorKey);
        await page.ClickAsync("button[type=submit].primary");
        Assert.EndsWith("/ops", page.Url.TrimEnd('/'), StringComparison.Ordinal);
        var cookie = (await desktop.CookiesAsync()).Single(c => c.Name == "wf-ops");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        await page.WaitForSelectorAsync($"a[href='/ops/rounds/{Round}']");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ops-rounds-ko-desktop");

        // Districts submit (API, through their links); the operator closes submissions in the dashboard.
        await server.Mailbox.WaitForAsync("district-invitation", Districts.Length * 2);
        foreach (var (district, name) in Districts.Take(3))
        {
            var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{Round}/cases/{district}", TokenFor(server, district, Round, "submit"),
                new { title = $"{name} 이웃 안부 확인 사업", summary = "고립 가구 발굴과 돌봄", category = "돌봄" }));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await RunActionAsync(page, server, "close-submissions", null);
        await server.Mailbox.WaitForAsync("judge-invitation", 3);

        // Judges score: two cases completely; madu-1 only by judge-1, so it will be late.
        foreach (var judge in new[] { "judge-1", "judge-2", "judge-3" })
        {
            var token = TokenFor(server, judge, Round, "judge");
            foreach (var district in judge == "judge-1" ? new[] { "gobong", "juyeop-1", "madu-1" } : new[] { "gobong", "juyeop-1" })
            {
                var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{Round}/cases/{district}/scores/{judge}", token,
                    new { criteria = new Dictionary<string, double> { ["creativity"] = district == "gobong" ? 19 : 15, ["effectiveness"] = district == "gobong" ? 28 : 22 }, comment = "좋은 사례" }));
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            }
        }

        // Actions during judging.
        await RunActionAsync(page, server, "resend-link", async p => await p.SelectOptionAsync("#f-participant", "judge:judge-1"));
        var extended = judgingDeadline.AddSeconds(10);
        // The form asks for Seoul time, as every time on the dashboard is. The input writes a whole minute without ":00",
        // and Playwright refuses to fill a value the input rewrites: so the seconds only when there are any.
        var typed = SeoulTime.Format(extended, extended.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
        await RunActionAsync(page, server, "extend-deadline", async p => await p.FillAsync("#f-newDeadline", typed));
        var round = await server.Services.GetRequiredService<RoundStore>().GetAsync(Round);
        Assert.Equal(extended.ToUnixTimeSeconds(), round!.JudgingDeadline.ToUnixTimeSeconds());
        await RunActionAsync(page, server, "replace-judge", async p =>
        {
            await p.SelectOptionAsync("#f-judgeId", "judge-3");
            await p.FillAsync("#f-newId", "judge-4");
            await p.FillAsync("#f-newName", "심사위원 4");
            await p.FillAsync("#f-newEmail", "judge-4@judges.example");
        });
        await RunActionAsync(page, server, "special-award", async p =>
        {
            await p.SelectOptionAsync("#f-districtId", "juyeop-1");
            await p.FillAsync("#f-title", "특별상");
            await p.FillAsync("#f-reason", "지역 자원 연계의 모범");
        });

        // The round page while judging: matrix, instances, audit; Korean and English, desktop and phone.
        var judging = await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}");
        Assert.Equal("5", judging!.Headers["refresh"]);
        await AssertKoreanThroughoutAsync(page);
        Assert.Contains(SeoulTime.Korean(extended).Replace(" (KST)", "", StringComparison.Ordinal), await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains("평균", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await AssertChartAsync(page, "main svg[role=img]");

        // Filters: pending only shows madu-1 (the only case still owed a score); one judge shows that judge's column only.
        await WaitForCasePhaseAsync(server, $"{Round}.gobong", "final");
        await WaitForCasePhaseAsync(server, $"{Round}.juyeop-1", "final");
        const string Matrix = "div[role=region][aria-label='사례 × 심사위원 진행']";
        // Without the 5-second refresh from here on, so no reload lands in the middle of a check.
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}?refresh=off");
        await page.SelectOptionAsync("#show", "pending");
        await page.ClickAsync("form.filter button[type=submit]");
        Assert.Contains("show=pending", page.Url, StringComparison.Ordinal);
        Assert.Contains("refresh=off", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"{Matrix} tbody tr").CountAsync());
        Assert.Contains("madu-1", await page.Locator($"{Matrix} tbody tr").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}?judge=judge-2&refresh=off");
        Assert.Equal(0, await page.Locator($"{Matrix} thead th:has-text('judge-1')").CountAsync());
        Assert.Equal(1, await page.Locator($"{Matrix} thead th:has-text('judge-2')").CountAsync());
        Assert.Equal(3, await page.Locator($"{Matrix} tbody tr").CountAsync());
        await KeyboardReachesAsync(page, "form.filter button[type=submit]");
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}?refresh=off");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ops-round-judging-ko-desktop");

        // madu-1 passes its (extended) deadline without quorum and escalates: the operator lets it proceed.
        await WaitForCasePhaseAsync(server, $"{Round}.madu-1", "escalated");
        await RunActionAsync(page, server, "proceed", async p => await p.SelectOptionAsync("#f-districtId", "madu-1"));
        await ContestEndToEndWait(server, "review");

        // Approve publication, then watch the page refresh itself until it shows "published".
        await RunActionAsync(page, server, "publish", null);
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}");
        await page.WaitForSelectorAsync("main >> text=발표됨", new PageWaitForSelectorOptions { Timeout = 90_000 });
        await WaitForInstancesFinishedAsync(server, Round);
        var final = await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}");
        Assert.False(final!.Headers.ContainsKey("refresh"), "A finished round should not refresh.");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ops-round-published-ko-desktop");

        // A case's history.
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}/instances/{Round}.madu-1");
        var history = await page.ContentAsync();
        Assert.Contains("ExecutionStarted", history, StringComparison.Ordinal);
        Assert.Contains("EscalateLateCase", history, StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ops-instance-ko-desktop");

        // Award sheet and exports.
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}/award-sheet");
        var sheet = await page.ContentAsync();
        Assert.Contains("최우수", sheet, StringComparison.Ordinal);
        Assert.Contains("고봉동", sheet, StringComparison.Ordinal);
        Assert.Contains("특별상", sheet, StringComparison.Ordinal);
        Assert.Contains("Kendall", sheet, StringComparison.Ordinal);
        await AssertKoreanThroughoutAsync(page);
        Assert.Contains("표준편차", sheet, StringComparison.Ordinal);
        await AssertChartAsync(page, "svg[aria-labelledby='spread-title spread-desc']");
        await AssertChartAsync(page, "svg[aria-labelledby='totals-title totals-desc']");
        await AssertChartAsync(page, "svg[aria-labelledby='sens-title sens-desc']");
        // judge-1 scored three cases, judges 2 and 3 two each: one dot per score.
        Assert.Equal(3 + 2 + 2, await page.Locator("svg[aria-labelledby='totals-title totals-desc'] circle").CountAsync());
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ops-award-sheet-ko-desktop");
        var csv = await (await page.APIRequest.GetAsync($"{server.BaseUrl}/ops/rounds/{Round}/export/results.csv")).BodyAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        Assert.Contains("gobong,고봉동", Encoding.UTF8.GetString(csv[3..]), StringComparison.Ordinal);
        var auditCsv = Encoding.UTF8.GetString(await (await page.APIRequest.GetAsync($"{server.BaseUrl}/ops/rounds/{Round}/export/audit.csv")).BodyAsync());
        Assert.Contains("special-award-added", auditCsv, StringComparison.Ordinal);

        // Instance actions on the scratch round: terminate, restart, terminate (API), purge.
        await RunActionAsync(page, server, "terminate", null, round: "ops-scratch", instanceId: "ops-scratch");
        await ManagementApiTests.WaitForStatusAsync(server, "ops-scratch", "Terminated");
        await RunActionAsync(page, server, "restart", null, round: "ops-scratch", instanceId: "ops-scratch");
        await ManagementApiTests.WaitForStatusAsync(server, "ops-scratch", "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/instances/ops-scratch/terminate"))).StatusCode);
        await ManagementApiTests.WaitForStatusAsync(server, "ops-scratch", "Terminated");
        await RunActionAsync(page, server, "purge", null, round: "ops-scratch", instanceId: "ops-scratch");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(server.Operator(HttpMethod.Get, "/api/instances/ops-scratch"))).StatusCode);

        // English and phone views, before the round's own history is purged.
        foreach (var (language, phone) in new[] { ("en", false), ("ko", true), ("en", true) })
        {
            var context = phone ? await Chromium.PhoneAsync(browser, language) : await Chromium.DesktopAsync(browser, language);
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path, HttpOnly = true, SameSite = SameSiteAttribute.Strict }]);
            var view = await context.NewPageAsync();
            var device = phone ? "phone" : "desktop";
            await view.GotoAsync($"{server.BaseUrl}/ops");
            await Chromium.ScreenshotAsync(view, $"ops-rounds-{language}-{device}");
            await view.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}");
            Assert.Contains(language == "en" ? "Audit trail" : "감사 기록", await view.ContentAsync(), StringComparison.Ordinal);
            await Chromium.AssertAccessibleAsync(view);
            await Chromium.ScreenshotAsync(view, $"ops-round-published-{language}-{device}");
            if (phone)
            {
                var width = await view.EvaluateAsync<int>("document.documentElement.scrollWidth");
                Assert.True(width <= 400, $"The page is {width}px wide in a 390px window.");
                await view.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}/actions/special-award");
                await Chromium.AssertAccessibleAsync(view);
                await Chromium.ScreenshotAsync(view, $"ops-action-{language}-phone");
            }

            // Every page in this language at this width: axe-clean.
            foreach (var (path, name) in new[] { ($"/ops/rounds/{Round}/award-sheet", "award-sheet"), ($"/ops/rounds/{Round}/instances/{Round}.madu-1", "instance"), ("/ops?refresh=off", "rounds") })
            {
                await view.GotoAsync(server.BaseUrl + path);
                await Chromium.AssertAccessibleAsync(view, $"{path} ({language}, {device})");
                if (!phone || name == "rounds") await Chromium.ScreenshotAsync(view, $"ops-{name}-{language}-{device}");
            }

            if (language == "en") Assert.Contains("KST", await view.InnerTextAsync("main"), StringComparison.Ordinal);

            await context.CloseAsync();
        }

        // The language toggle, then purge the finished round's history: the product's record stays.
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}");
        await page.ClickAsync("header a[lang=en]");
        Assert.Contains("Audit trail", await page.ContentAsync(), StringComparison.Ordinal);
        await RunActionAsync(page, server, "purge-history", null);
        await page.GotoAsync($"{server.BaseUrl}/ops/rounds/{Round}");
        var after = await page.ContentAsync();
        Assert.Contains("No instance history", after, StringComparison.Ordinal);
        Assert.Contains("History purged", after, StringComparison.Ordinal);
        Assert.Contains("고봉동", after, StringComparison.Ordinal);

        var audit = await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{Round}/audit"))).Content.ReadFromJsonAsync<JsonElement>();
        var actions = audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToHashSet();
        foreach (var expected in new[] { "round-created", "case-submitted", "submissions-closed", "score-entered", "special-award-added", "publication-approved", "results-published", "history-purged" })
        {
            Assert.Contains(expected, actions);
        }

        output.WriteLine($"whole browser test: {(DateTimeOffset.UtcNow - created).TotalSeconds:F0} s; audit actions: {string.Join(", ", actions)}");

        // Sign out ends the session.
        await page.ClickAsync("header button.link");
        await page.GotoAsync($"{server.BaseUrl}/ops");
        Assert.Contains("/ops/sign-in", page.Url, StringComparison.Ordinal);
    }

    /// <summary>What an operator in Goyang reads: Seoul times with their zone, no UTC, no raw JSON status, no wire names.</summary>
    static async Task AssertKoreanThroughoutAsync(IPage page)
    {
        var text = await page.InnerTextAsync("main");
        Assert.Contains("(KST)", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?Z", text);
        foreach (var raw in new[] { "{\"Phase\"", "{\"phase\"", "trimmed-mean", "score-entered", "results-allocated", "Mean", "SD" })
        {
            Assert.False(text.Contains(raw, StringComparison.Ordinal), $"Raw '{raw}' on the Korean page {page.Url}");
        }
    }

    /// <summary>A chart is an SVG image with a title and a description, and the page holds its values as a table.</summary>
    static async Task AssertChartAsync(IPage page, string selector)
    {
        var chart = page.Locator(selector).First;
        Assert.False(string.IsNullOrWhiteSpace(await chart.Locator("title").TextContentAsync()), $"{selector}: no title");
        Assert.False(string.IsNullOrWhiteSpace(await chart.Locator("desc").TextContentAsync()), $"{selector}: no desc");
        Assert.True(await page.Locator("figure.chart + details table, figure.chart + div table").CountAsync() > 0, "no table beside the chart");
    }

    /// <summary>Tab from the top of the page reaches the element (no mouse needed).</summary>
    static async Task KeyboardReachesAsync(IPage page, string selector)
    {
        var target = await page.QuerySelectorAsync(selector);
        Assert.NotNull(target);
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("([s]) => document.activeElement === document.querySelector(s)", new object[] { selector })) return;
        }

        Assert.Fail($"{selector} was not reached with Tab on {page.Url}");
    }

    /// <summary>Opens an action's confirmation page, fills it, ticks the confirmation and runs it; expects the "done" notice.</summary>
    static async Task RunActionAsync(IPage page, WelfareServer server, string action, Func<IPage, Task>? fill, string round = Round, string? instanceId = null)
    {
        var url = $"{server.BaseUrl}/ops/rounds/{round}/actions/{action}" + (instanceId is null ? "" : $"?instanceId={Uri.EscapeDataString(instanceId)}");
        try
        {
            await page.GotoAsync(url);
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
        {
            // The page we leave may refresh itself (Refresh: 5) at the very moment we navigate; go again.
            await page.GotoAsync(url);
        }

        if (fill is not null) await fill(page);
        await page.CheckAsync("input[name=confirm]");
        await page.ClickAsync("form.action button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var content = await page.ContentAsync();
        Assert.True(content.Contains("class=\"notice\"", StringComparison.Ordinal), $"{action}: no success notice at {page.Url}: {ErrorOf(content)}");
    }

    static string ErrorOf(string html)
    {
        var at = html.IndexOf("class=\"error\"", StringComparison.Ordinal);
        return at < 0 ? html[..Math.Min(html.Length, 400)] : html[at..Math.Min(html.Length, at + 400)];
    }

    /// <summary>The token of a participant's latest link email for a round.</summary>
    static string TokenFor(WelfareServer server, string participant, string round, string purpose)
    {
        var mails = server.Mailbox.All().Where(m => m.To.StartsWith(participant + "@", StringComparison.Ordinal) && m.Text.Contains($"/{purpose}/", StringComparison.Ordinal))
            .OrderBy(m => m.WrittenAt).ToList();
        foreach (var mail in Enumerable.Reverse(mails))
        {
            var token = Mailbox.LinkToken(mail, purpose);
            var payload = Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(token.Split('.')[0]));
            if (payload.Split('|')[2] == round) return token;
        }

        throw new InvalidOperationException($"No {purpose} link for {participant} in {round}.");
    }

    static async Task WaitForCasePhaseAsync(WelfareServer server, string instanceId, string phase)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var status = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/instances/{instanceId}"))).Content.ReadFromJsonAsync<JsonElement>();
            if (status.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object && custom.GetProperty("phase").GetString() == phase) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{instanceId} never reached {phase}.");
            await Task.Delay(250);
        }
    }

    static async Task WaitForInstancesFinishedAsync(WelfareServer server, string roundId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var list = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{roundId}/instances"))).Content.ReadFromJsonAsync<JsonElement>();
            if (list.EnumerateArray().All(i => i.GetProperty("runtimeStatus").GetString() == "Completed")) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Instances of {roundId} did not all complete.");
            await Task.Delay(250);
        }
    }

    static Task ContestEndToEndWait(WelfareServer server, string phase) => EndToEnd.ContestEndToEndTests.WaitForPhaseAsync(server, Round, phase);

    static object Definition(DateTimeOffset submissionDeadline, DateTimeOffset judgingDeadline, string id = Round) => new
    {
        id,
        title = "2025년 복지업무 우수 동 성과보고회",
        districts = Districts.Select(d => new { id = d.Id, name = d.Name, email = $"{d.Id}@goyang.example" }),
        judges = new[] { 1, 2, 3 }.Select(i => new { id = $"judge-{i}", name = $"심사위원 {i}", email = $"judge-{i}@judges.example" }),
        rubric = new[] { new { id = "creativity", title = "창의성", maxPoints = 20 }, new { id = "effectiveness", title = "효과성", maxPoints = 30 } },
        aggregation = "mean",
        tiers = new[] { new { id = "best", label = "최우수", quota = 1 }, new { id = "excellent", label = "우수", quota = 1 } },
        submissionDeadline,
        judgingDeadline,
        operatorEmails = new[] { "welfare@goyang.example" },
        requireApproval = true,
        quorum = 2,
    };
}
