using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WelfareFlow.Attachments;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Attachments;

/// <summary>Attachments in Blob Storage (Azurite) through the API and the link pages: types by content, sizes,
/// the five-file limit, who may read them, and intake closing.</summary>
[Collection("azurite")]
public sealed class AttachmentApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Attachments_UploadListDownloadDelete_OnlyThroughTheRightLinks()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "attachments");
        var http = server.Client;
        var gobong = round.SubmitTokens["gobong"];
        var path = $"/api/rounds/{round.Id}/cases/gobong/attachments";
        await round.SubmitByApiAsync("gobong", "고봉동 사례");

        // Accepted by content: 201 with Location; a Korean name is kept.
        var pdf = await http.SendAsync(Upload(path, gobong, "고봉동 사례 보고서.pdf", SampleFiles.Pdf()));
        Assert.Equal(HttpStatusCode.Created, pdf.StatusCode);
        var pdfInfo = await pdf.Content.ReadFromJsonAsync<JsonElement>();
        var pdfId = pdfInfo.GetProperty("id").GetString()!;
        Assert.Equal($"{path}/{pdfId}", pdf.Headers.Location?.OriginalString);
        Assert.Equal("고봉동 사례 보고서.pdf", pdfInfo.GetProperty("fileName").GetString());
        Assert.Equal(AttachmentKinds.Pdf, pdfInfo.GetProperty("contentType").GetString());

        // Refused: wrong content for the name (415), too large (413), no file (400), another district's link (403).
        await AssertProblemAsync(await http.SendAsync(Upload(path, gobong, "사진.pdf", SampleFiles.Png())), HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(await http.SendAsync(Upload(path, gobong, "악성.exe", SampleFiles.Pdf())), HttpStatusCode.UnsupportedMediaType);
        byte[] huge = [.. SampleFiles.Pdf(), .. new byte[AttachmentKinds.MaxBytes]];
        await AssertProblemAsync(await http.SendAsync(Upload(path, gobong, "큰 파일.pdf", huge)), HttpStatusCode.RequestEntityTooLarge);
        var noFile = WelfareServer.Bearer(HttpMethod.Post, path, gobong);
        noFile.Content = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        await AssertProblemAsync(await http.SendAsync(noFile), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.SendAsync(Upload(path, round.SubmitTokens["juyeop-1"], "a.pdf", SampleFiles.Pdf())), HttpStatusCode.Forbidden);

        // Five files at most.
        foreach (var (name, content) in new[] { ("현장 사진.png", SampleFiles.Png()), ("계획.hwp", SampleFiles.Hwp()), ("계획.hwpx", SampleFiles.Hwpx()), ("예산.xlsx", SampleFiles.Xlsx()) })
        {
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(Upload(path, gobong, name, content))).StatusCode);
        }

        await AssertProblemAsync(await http.SendAsync(Upload(path, gobong, "발표.pptx", SampleFiles.Pptx())), HttpStatusCode.Conflict);
        var list = await (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Get, path, gobong))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, list.GetArrayLength());
        var pngId = list.EnumerateArray().Single(a => a.GetProperty("fileName").GetString() == "현장 사진.png").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Delete, $"{path}/{pngId}", gobong))).StatusCode);
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Delete, $"{path}/{pngId}", gobong)), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(Upload(path, gobong, "발표.pptx", SampleFiles.Pptx()))).StatusCode);

        // Download by the district: the bytes, as an attachment with the Korean name in filename*.
        var download = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Get, $"{path}/{pdfId}", gobong));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SampleFiles.Pdf(), await download.Content.ReadAsByteArrayAsync());
        AssertDownloadHeaders(download, "고봉동 사례 보고서.pdf", AttachmentKinds.Pdf);
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Get, $"{path}/{pdfId}", round.SubmitTokens["juyeop-1"])), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Request(HttpMethod.Get, $"{path}/{pdfId}")), HttpStatusCode.Unauthorized);

        // The district's page serves the same file.
        var browser = round.Browser();
        var pageDownload = await browser.GetAsync($"/submit/{gobong}/attachments/{pdfId}");
        Assert.Equal(SampleFiles.Pdf(), await pageDownload.Content.ReadAsByteArrayAsync());
        AssertDownloadHeaders(pageDownload, "고봉동 사례 보고서.pdf", AttachmentKinds.Pdf);
        PageChecks.AssertPageHeaders(pageDownload);

        // Intake closes: files are frozen; every judge may now read them, through the API and the page.
        await round.CloseSubmissionsAsync();
        await AssertProblemAsync(await http.SendAsync(Upload(path, gobong, "늦은.pdf", SampleFiles.Pdf())), HttpStatusCode.Conflict);
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Delete, $"{path}/{pdfId}", gobong)), HttpStatusCode.Conflict);
        var judge = round.JudgeTokens["judge-2"];
        Assert.Equal(SampleFiles.Pdf(), await (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Get, $"{path}/{pdfId}", judge))).Content.ReadAsByteArrayAsync());
        var judgePage = await browser.GetAsync($"/judge/{judge}/cases/gobong/attachments/{pdfId}");
        Assert.Equal(HttpStatusCode.OK, judgePage.StatusCode);
        AssertDownloadHeaders(judgePage, "고봉동 사례 보고서.pdf", AttachmentKinds.Pdf);
        Assert.Contains("고봉동 사례 보고서.pdf", await (await browser.GetAsync($"/judge/{judge}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Not a case in judging (madu-1 never submitted): nothing to read.
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Get, $"/api/rounds/{round.Id}/cases/madu-1/attachments/1", judge)), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/judge/{judge}/cases/madu-1/attachments/1")).StatusCode);
    }

    [Fact]
    public async Task SubmitPage_UploadForm_AcceptsFileAndExplainsRefusals()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "attachments-page");
        var token = round.SubmitTokens["madu-1"];
        var browser = round.Browser();
        var field = LinkRound.FormField(await (await browser.GetAsync($"/submit/{token}")).Content.ReadAsStringAsync());

        var uploaded = await browser.PostAsync($"/submit/{token}/attachments", PageUpload(field, "마두1동 사례.pdf", SampleFiles.Pdf()));
        Assert.Equal(HttpStatusCode.SeeOther, uploaded.StatusCode);
        var page = await (await browser.GetAsync(uploaded.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains("마두1동 사례.pdf", page, StringComparison.Ordinal);
        Assert.Contains("파일을 올렸습니다.", page, StringComparison.Ordinal);

        var wrong = await browser.PostAsync($"/submit/{token}/attachments", PageUpload(field, "사진.hwp", SampleFiles.Png()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrong.StatusCode);
        Assert.Contains("올릴 수 없는 파일입니다.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        byte[] huge = [.. SampleFiles.Pdf(), .. new byte[AttachmentKinds.MaxBytes]];
        var large = await browser.PostAsync($"/submit/{token}/attachments", PageUpload(field, "큰.pdf", huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("파일이 20MB보다 큽니다.", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/submit/{token}/attachments", PageUpload("forged", "a.pdf", SampleFiles.Pdf()))).StatusCode);

        var deleted = await browser.PostAsync($"/submit/{token}/attachments/1/delete", PageChecks.Form(("_csrf", field)));
        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Contains("첨부 파일이 없습니다.", await (await browser.GetAsync($"/submit/{token}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    static HttpRequestMessage Upload(string path, string token, string name, byte[] content)
    {
        var request = WelfareServer.Bearer(HttpMethod.Post, path, token);
        request.Content = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
        return request;
    }

    static MultipartFormDataContent PageUpload(string field, string name, byte[] content) => new()
    {
        { new StringContent(field), "_csrf" },
        { new ByteArrayContent(content), "file", name },
    };

    static void AssertDownloadHeaders(HttpResponseMessage response, string fileName, string contentType)
    {
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(fileName, disposition.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
