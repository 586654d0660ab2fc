using System.Net;
using System.Text.Json;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace WelfareFlow.Tests.Pages;

/// <summary>The link pages over plain HTTP: headers, languages, forms through the shared handlers, refusals.</summary>
[Collection("azurite")]
public sealed class PageHttpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SubmitPage_GetThenPostForm_ChangesNothingOnGetAndSavesThroughSharedHandler()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "pages-submit");
        var token = round.SubmitTokens["gobong"];
        var browser = round.Browser();

        // GET: a page, Korean by default, with the strict headers; nothing stored, nothing audited.
        var auditBefore = (await server.Services.GetRequiredService<AuditLog>().ListAsync(round.Id)).Count;
        var page = await browser.GetAsync($"/submit/{token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        PageChecks.AssertPageHeaders(page);
        Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);
        Assert.Contains("고봉동 사례 제출", html, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2} \(KST\)", html);
        Assert.Null(await server.Services.GetRequiredService<CaseStore>().GetAsync(round.Id, "gobong"));
        Assert.Equal(auditBefore, (await server.Services.GetRequiredService<AuditLog>().ListAsync(round.Id)).Count);

        // English by Accept-Language, and by the toggle (remembered in a cookie).
        var english = await (await round.Browser("en-US,en;q=0.9,ko;q=0.5").GetAsync($"/submit/{token}")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Case submission: 고봉동", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", await (await browser.GetAsync($"/submit/{token}?lang=en")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", await (await browser.GetAsync($"/submit/{token}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ko\">", await (await browser.GetAsync($"/submit/{token}?lang=ko")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A post without the anti-forgery field (as another site would send) is refused and stores nothing.
        var forged = await browser.PostAsync($"/submit/{token}", PageChecks.Form(("title", "위조"), ("summary", "위조"), ("category", "돌봄")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(await server.Services.GetRequiredService<CaseStore>().GetAsync(round.Id, "gobong"));
        // A field taken from another browser (other cookie) is refused too.
        var otherBrowserField = LinkRound.FormField(await (await round.Browser().GetAsync($"/submit/{token}")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/submit/{token}", PageChecks.Form(("_csrf", otherBrowserField), ("title", "위조"), ("summary", "위조"), ("category", "돌봄")))).StatusCode);

        // Field errors: 400, the page again with the input kept and the fields marked.
        var field = LinkRound.FormField(html);
        var invalid = await browser.PostAsync($"/submit/{token}", PageChecks.Form(("_csrf", field), ("title", ""), ("summary", "요약만 있음"), ("category", "")));
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("id=\"title\" name=\"title\" value=\"\" maxlength=\"200\" required aria-describedby=\"title-error\" aria-invalid=\"true\"", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("요약만 있음", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("필수 항목입니다.", invalidHtml, StringComparison.Ordinal);

        // A valid post: 303 back to the page, the case stored as the API stores it, a receipt emailed.
        var saved = await browser.PostAsync($"/submit/{token}", PageChecks.Form(("_csrf", field), ("title", "고봉동 <이웃> 안부 확인"), ("summary", "요약"), ("category", "돌봄")));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal($"/submit/{token}?done=saved", saved.Headers.Location?.OriginalString);
        var stored = await server.Services.GetRequiredService<CaseStore>().GetAsync(round.Id, "gobong");
        Assert.Equal(("고봉동 <이웃> 안부 확인", CaseStatus.Submitted, 1), (stored!.Title, stored.Status, stored.Revision));
        var after = await (await browser.GetAsync(saved.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains("고봉동 &lt;이웃&gt; 안부 확인", after, StringComparison.Ordinal);
        Assert.Contains("저장했습니다.", after, StringComparison.Ordinal);
        var receipt = Assert.Single(await server.Mailbox.WaitForAsync("submission-receipt", 1));
        Assert.Equal("gobong@goyang.example", receipt.To);
        Assert.Contains($"/submit/{token}", receipt.Text, StringComparison.Ordinal);

        // An edit over the API is the same operation: revision 2, a second receipt.
        await round.SubmitByApiAsync("gobong", "고봉동 안부 확인 (API 수정)");
        await server.Mailbox.WaitForAsync("submission-receipt", 2);
        Assert.Contains("고봉동 안부 확인 (API 수정)", await (await browser.GetAsync($"/submit/{token}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Once intake is closed the page is read-only and a post is a conflict.
        await round.CloseSubmissionsAsync();
        var closed = await (await browser.GetAsync($"/submit/{token}")).Content.ReadAsStringAsync();
        Assert.Contains("제출이 마감되었습니다.", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", closed, StringComparison.Ordinal);
        var late = await browser.PostAsync($"/submit/{token}", PageChecks.Form(("_csrf", field), ("title", "늦은 수정"), ("summary", "요약"), ("category", "돌봄")));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("고봉동 안부 확인 (API 수정)", (await server.Services.GetRequiredService<CaseStore>().GetAsync(round.Id, "gobong"))!.Title);
    }

    [Fact]
    public async Task JudgePage_ScoresThroughForms_SharedValidationAndRevision()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "pages-judge");
        var browser = round.Browser();
        await round.SubmitByApiAsync("gobong", "고봉동 이웃 안부 확인");
        await round.SubmitByApiAsync("juyeop-1", "주엽1동 자원 연계");

        // Before close a judge link does not exist yet; after close each judge's page lists both cases.
        await round.CloseSubmissionsAsync();
        var token = round.JudgeTokens["judge-1"];
        var page = await browser.GetAsync($"/judge/{token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        PageChecks.AssertPageHeaders(page);
        Assert.Contains("고봉동 이웃 안부 확인", html, StringComparison.Ordinal);
        Assert.Contains("주엽1동 자원 연계", html, StringComparison.Ordinal);
        Assert.Contains("창의성 (최대 20점)", html, StringComparison.Ordinal);
        Assert.Contains("2건 중 0건을 평가했습니다.", html, StringComparison.Ordinal);
        var field = LinkRound.FormField(html);

        // Out of range and unreadable points: 400 with the fields marked, nothing stored.
        var invalid = await browser.PostAsync($"/judge/{token}/cases/gobong",
            PageChecks.Form(("_csrf", field), ("c.creativity", "21"), ("c.effectiveness", "abc"), ("c.sustainability", "20"), ("c.collaboration", "20")));
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("0부터 30까지, 0.5점 단위로 입력해 주십시오.", invalidHtml, StringComparison.Ordinal);
        invalid = await browser.PostAsync($"/judge/{token}/cases/gobong",
            PageChecks.Form(("_csrf", field), ("c.creativity", "21"), ("c.effectiveness", "25"), ("c.sustainability", "20"), ("c.collaboration", "20.3")));
        invalidHtml = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("0부터 20까지, 0.5점 단위로 입력해 주십시오.", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("0부터 25까지, 0.5점 단위로 입력해 주십시오.", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"20.3\"", invalidHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(await server.Services.GetRequiredService<ScoreStore>().ListAsync(round.Id), s => s.Scored);

        // A score through the form, then a revision: 303 each, revisions 1 and 2, the running total shown.
        var post = await browser.PostAsync($"/judge/{token}/cases/gobong",
            PageChecks.Form(("_csrf", field), ("c.creativity", "18"), ("c.effectiveness", "27.5"), ("c.sustainability", "20"), ("c.collaboration", "21"), ("comment", "지속성이 좋습니다")));
        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        Assert.Equal($"/judge/{token}?saved=gobong#case-gobong", post.Headers.Location?.OriginalString);
        var revised = await browser.PostAsync($"/judge/{token}/cases/gobong",
            PageChecks.Form(("_csrf", field), ("c.creativity", "19.5"), ("c.effectiveness", "27.5"), ("c.sustainability", "20"), ("c.collaboration", "21")));
        Assert.Equal(HttpStatusCode.SeeOther, revised.StatusCode);
        var row = (await server.Services.GetRequiredService<ScoreStore>().ListForCaseAsync(round.Id, "gobong")).Single(s => s.JudgeId == "judge-1");
        Assert.Equal(2, row.Revision);
        Assert.Equal(19.5, JsonSerializer.Deserialize<Dictionary<string, double>>(row.CriteriaJson)!["creativity"]);
        var after = await (await browser.GetAsync($"/judge/{token}?saved=gobong")).Content.ReadAsStringAsync();
        Assert.Contains("고봉동 사례의 점수를 저장했습니다.", after, StringComparison.Ordinal);
        Assert.Contains("저장된 점수: 합계 88 / 100점 (2번째 저장)", after, StringComparison.Ordinal);
        Assert.Contains("2건 중 1건을 평가했습니다.", after, StringComparison.Ordinal);

        // The second case over the API: the page counts it; everything scored is said plainly.
        var full = GoyangRound.Rubric.ToDictionary(r => r.Id, r => (double)r.MaxPoints);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round.Id}/cases/juyeop-1/scores/judge-1", token, new { criteria = full }))).StatusCode);
        Assert.Contains("모든 사례를 평가했습니다.", await (await browser.GetAsync($"/judge/{token}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A case that is not in the round is a 404 page; a district's token on the judge page a 403 page.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync($"/judge/{token}/cases/madu-1",
            PageChecks.Form(("_csrf", field), ("c.creativity", "1"), ("c.effectiveness", "1"), ("c.sustainability", "1"), ("c.collaboration", "1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/judge/{round.SubmitTokens["gobong"]}")).StatusCode);
    }

    [Fact]
    public async Task LinkPages_InvalidOrForeignToken_FriendlyHtmlRefusal()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "pages-refusals");
        var browser = round.Browser();
        var token = round.SubmitTokens["gobong"];
        var forged = token[..^3] + (token.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");

        foreach (var path in new[] { $"/submit/{forged}", "/submit/not-a-token", $"/judge/{forged}", $"/submit/{forged}/attachments/1" })
        {
            var response = await browser.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            PageChecks.AssertPageHeaders(response);
            Assert.Contains("링크를 열 수 없습니다", html, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        }

        var english = await browser.GetAsync($"/submit/{forged}?lang=en");
        Assert.Contains("This link cannot be opened", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync($"/submit/{forged}", PageChecks.Form(("title", "x")))).StatusCode);
    }
}
