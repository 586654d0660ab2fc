using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Attachments;
using WelfareFlow.Pages;

namespace WelfareFlow.Functions;

/// <summary>The link pages (<c>/submit/{token}</c>, <c>/judge/{token}</c>), routed to the handlers the Server maps in
/// <see cref="PageRoutes.MapWelfareFlowPages"/>. Pages carry no "api" prefix; the attachment API is in Http/AttachmentFunctions.</summary>
public static class PageFunctions
{
    [Function(nameof(GetSubmitPage))]
    public static Task<IResult> GetSubmitPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "submit/{token}")] HttpRequest req, string token) =>
        WithPageHeaders(req, () => SubmitPage.Get(req.HttpContext, token));

    [Function(nameof(PostSubmitPage))]
    public static Task<IResult> PostSubmitPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "submit/{token}")] HttpRequest req, string token) =>
        WithPageHeaders(req, () => SubmitPage.PostCase(req.HttpContext, token));

    [Function(nameof(PostSubmitAttachment))]
    public static Task<IResult> PostSubmitAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "submit/{token}/attachments")] HttpRequest req, string token) =>
        WithPageHeaders(req, () => SubmitPage.PostAttachment(req.HttpContext, token));

    [Function(nameof(DeleteSubmitAttachment))]
    public static Task<IResult> DeleteSubmitAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "submit/{token}/attachments/{id}/delete")] HttpRequest req, string token, string id) =>
        WithPageHeaders(req, () => SubmitPage.PostDeleteAttachment(req.HttpContext, token, id));

    [Function(nameof(DownloadSubmitAttachment))]
    public static Task<IResult> DownloadSubmitAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "submit/{token}/attachments/{id}")] HttpRequest req, string token, string id) =>
        WithPageHeaders(req, () => SubmitPage.Download(req.HttpContext, token, id));

    [Function(nameof(GetJudgePage))]
    public static Task<IResult> GetJudgePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "judge/{token}")] HttpRequest req, string token) =>
        WithPageHeaders(req, () => JudgePage.Get(req.HttpContext, token));

    [Function(nameof(PostJudgeScore))]
    public static Task<IResult> PostJudgeScore(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "judge/{token}/cases/{districtId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string token,
        string districtId) =>
        WithPageHeaders(req, () => JudgePage.PostScore(req.HttpContext, client, token, districtId));

    [Function(nameof(DownloadJudgeAttachment))]
    public static Task<IResult> DownloadJudgeAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "judge/{token}/cases/{districtId}/attachments/{id}")] HttpRequest req, string token, string districtId, string id) =>
        WithPageHeaders(req, () => JudgePage.Download(req.HttpContext, token, districtId, id));

    /// <summary>The Server's page group adds these headers in an endpoint filter; here they are set before the handler runs.</summary>
    static Task<IResult> WithPageHeaders(HttpRequest req, Func<Task<IResult>> handler)
    {
        PageLayout.ApplyHeaders(req.HttpContext);
        return handler();
    }
}
