using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using WelfareFlow.Attachments;

namespace WelfareFlow.Functions.Http;

/// <summary>The attachment API, routed to the handlers the Server maps in <see cref="AttachmentEndpoints.MapAttachmentApi"/>.</summary>
public sealed class AttachmentFunctions(CaseAttachments attachments, AttachmentStore store)
{
    [Function(nameof(UploadAttachment))]
    public async Task<IResult> UploadAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cases/{districtId}/attachments")] HttpRequest req, string roundId, string districtId) =>
        await AttachmentEndpoints.Upload(req.HttpContext, attachments, roundId, districtId);

    [Function(nameof(ListAttachments))]
    public async Task<IResult> ListAttachments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/cases/{districtId}/attachments")] HttpRequest req, string roundId, string districtId) =>
        await AttachmentEndpoints.List(req.HttpContext, store, roundId, districtId);

    [Function(nameof(DownloadAttachment))]
    public async Task<IResult> DownloadAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/cases/{districtId}/attachments/{id}")] HttpRequest req, string roundId, string districtId, string id) =>
        await AttachmentEndpoints.Download(req.HttpContext, roundId, districtId, id);

    [Function(nameof(DeleteAttachment))]
    public async Task<IResult> DeleteAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/rounds/{roundId}/cases/{districtId}/attachments/{id}")] HttpRequest req, string roundId, string districtId, string id) =>
        await AttachmentEndpoints.Delete(req.HttpContext, attachments, roundId, districtId, id);
}
