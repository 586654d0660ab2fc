using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WelfareFlow.Tests.Attachments;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WelfareFlow.Tests.Browser;

/// <summary>
/// The people's side of a round in a real browser against the real Server: a district submits its case with a
/// file through its page; each judge opens the link in their email and scores every case through the page,
/// one revises; the results appear. Every page passes axe-core in Korean and English and is photographed at
/// desktop and phone width (see <see cref="Chromium.ScreenshotFolder"/>).
/// </summary>
[Collection("azurite")]
public sealed partial class ContestInBrowserTests(AzuriteFixture azurite)
{
    static readonly string[] ApiSubmitters = ["juyeop-1", "madu-1"];

    [Fact]
    public async Task Contest_ThroughLinkPagesInChromium_ScoredAccessibleAndPhotographed()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "browser-2024");

        // Gobong-dong opens the link in its invitation and submits its case with a PDF.
        var invitation = server.Mailbox.OfKind("district-invitation").Single(m => m.To.StartsWith("gobong@", StringComparison.Ordinal));
        var submitUrl = LinkIn(invitation.Text, "submit");
        var district = await (await Chromium.DesktopAsync(browser)).NewPageAsync();
        district.SetDefaultTimeout(60_000);
        await district.GotoAsync(submitUrl);
        await Expect(district.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await district.GetByLabel("사례 제목").FillAsync("고봉동 1인가구 고독사 예방 이웃 안부 확인망");
        await district.GetByLabel("분야").FillAsync("돌봄");
        await district.GetByLabel("사례 요약").FillAsync("통장·이웃·배달업체가 함께하는 안부 확인망으로 위기 가구 37곳을 찾아 지원했습니다.\n주 2회 전화와 방문으로 고립을 막았습니다.");
        await district.GetByRole(AriaRole.Button, new() { Name = "제출하기" }).ClickAsync();
        await Expect(district.GetByText("저장했습니다.")).ToBeVisibleAsync();
        await district.GetByLabel("올릴 파일").SetInputFilesAsync(new FilePayload { Name = "고봉동 사례 보고서.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf() });
        await district.GetByRole(AriaRole.Button, new() { Name = "파일 올리기" }).ClickAsync();
        await Expect(district.GetByRole(AriaRole.Link, new() { Name = "고봉동 사례 보고서.pdf" })).ToBeVisibleAsync();
        await server.Mailbox.WaitForAsync("submission-receipt", 1);
        await PhotographAsync(browser, submitUrl, "submit");

        // Two more districts over the API; intake closes and the judges are invited.
        foreach (var id in ApiSubmitters)
        {
            await round.SubmitByApiAsync(id, $"{GoyangRound.Districts.Single(d => d.Id == id).Name} 복지 자원 연계 사업");
        }

        await round.CloseSubmissionsAsync();
        var judgeMails = server.Mailbox.OfKind("judge-invitation");
        var cases = new[] { "gobong" }.Concat(ApiSubmitters).ToList();
        for (var j = 0; j < GoyangRound.Judges.Length; j++)
        {
            var judgeId = GoyangRound.Judges[j];
            var url = LinkIn(judgeMails.Single(m => m.To.StartsWith(judgeId + "@", StringComparison.Ordinal)).Text, "judge");
            var context = await Chromium.DesktopAsync(browser);
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(url);
            await Expect(page.GetByText("3건 중 0건을 평가했습니다.")).ToBeVisibleAsync();
            foreach (var (districtId, c) in cases.Select((d, c) => (d, c)))
            {
                var section = page.Locator($"#case-{districtId}");
                var strength = districtId == "gobong" ? 0.9 : 0.7 - c * 0.1;
                foreach (var (criterionId, title, max) in GoyangRound.Rubric)
                {
                    await section.GetByLabel(title).FillAsync(PointsFor(max, strength, j));
                }

                await section.GetByLabel("의견 (선택)").FillAsync($"{judgeId}의 의견");
                await section.GetByRole(AriaRole.Button, new() { Name = "점수 저장" }).ClickAsync();
                await Expect(page.Locator($"#case-{districtId} .saved")).ToContainTextAsync("1번째 저장");
            }

            await Expect(page.GetByText("모든 사례를 평가했습니다.")).ToBeVisibleAsync();
            if (judgeId == "judge-1")
            {
                // A revision while the other judges have not scored: the case is still open.
                var gobong = page.Locator("#case-gobong");
                await gobong.GetByLabel("창의성").FillAsync("20");
                await gobong.GetByRole(AriaRole.Button, new() { Name = "점수 수정" }).ClickAsync();
                await Expect(page.Locator("#case-gobong .saved")).ToContainTextAsync("2번째 저장");
                await PhotographAsync(browser, url, "judge");
            }

            await context.CloseAsync();
        }

        // The results: every case ranked, gobong first with the revised points counted.
        var results = await WaitForResultsAsync(server, round.Id);
        var awards = results.GetProperty("awards").EnumerateArray().ToList();
        Assert.Equal(cases.Order(), awards.Select(a => a.GetProperty("districtId").GetString()).Order());
        Assert.Equal("gobong", awards[0].GetProperty("districtId").GetString());
        Assert.Equal("best", awards[0].GetProperty("tier").GetString());

        // A link that does not work: a friendly page, accessible too.
        await PhotographAsync(browser, $"{server.BaseUrl}/judge/expired.link", "invalid-link");
    }

    /// <summary>Korean and English, desktop and phone: axe-core on each, then a full-page screenshot.</summary>
    static async Task PhotographAsync(IBrowser browser, string url, string name)
    {
        foreach (var (device, open) in new (string, Func<IBrowser, string, Task<IBrowserContext>>)[] { ("desktop", Chromium.DesktopAsync), ("phone", Chromium.PhoneAsync) })
        {
            await using var context = await open(browser, "ko");
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            foreach (var lang in new[] { "ko", "en" })
            {
                await page.GotoAsync($"{url}?lang={lang}");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
                await Chromium.AssertAccessibleAsync(page, $"{name} ({lang}, {device})");
                await Chromium.ScreenshotAsync(page, $"{name}-{lang}-{device}");
            }
        }
    }

    static string PointsFor(int max, double strength, int judge) =>
        (Math.Round(max * Math.Clamp(strength + (judge - 1.5) * 0.02, 0, 1) * 2, MidpointRounding.AwayFromZero) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);

    static string LinkIn(string text, string purpose)
    {
        var match = Regex.Match(text, $@"https?://\S+/{purpose}/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+");
        Assert.True(match.Success, $"No /{purpose}/ link in the email.");
        return match.Value;
    }

    static async Task<JsonElement> WaitForResultsAsync(WelfareServer server, string roundId)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var response = await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{roundId}/results"));
            if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(DateTime.UtcNow < until, $"No results for {roundId} within 120 s: {(int)response.StatusCode}");
            await Task.Delay(250);
        }
    }
}
