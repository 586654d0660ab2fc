using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Cases;
using WelfareFlow.Http;
using WelfareFlow.Http.OpenApi;
using WelfareFlow.Links;

namespace WelfareFlow.Attachments;

/// <summary>
/// Attachments over the API, with the bearer token of a link: the district uploads, lists and deletes its
/// case's files; the district and every judge of the round (once the case is in judging) download them.
/// </summary>
public static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentApi(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/api/rounds/{roundId}/cases/{districtId}/attachments").WithWelfareFlowOpenApi();
        files.MapPost("/", Upload).WithMetadata(new RequestSizeLimitAttribute(UploadForm.MaxRequestBytes));
        files.MapGet("/", List);
        files.MapGet("/{id}", Download);
        files.MapDelete("/{id}", Delete);
        return app;
    }

    public static async Task<Results<Created<AttachmentInfo>, Ok<AttachmentInfo>, ValidationProblem, ProblemHttpResult>> Upload(HttpContext http, CaseAttachments attachments, string roundId, string districtId)
    {
        var (_, denied) = await Access.RequireLinkAsync(http, Access.BearerToken(http), LinkPurposes.Submit, roundId, districtId);
        if (denied is not null) return denied;
        var (form, failure) = await UploadForm.ReadAsync(http.Request);
        if (failure == UploadForm.Failure.TooLarge)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: $"A file may be at most {AttachmentKinds.MaxBytes / 1024 / 1024} MB.");
        }

        if (form is null) return Problems.Validation("file", "Send multipart/form-data with the file in a field named 'file'.");
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        await using var content = file?.OpenReadStream();
        var outcome = await attachments.AddAsync(roundId, districtId, file?.FileName, content, http.RequestAborted);
        return CaseEndpoints.ToResult(outcome, $"/api/rounds/{roundId}/cases/{districtId}/attachments/{outcome.Value?.Id}");
    }

    public static async Task<Results<Ok<List<AttachmentInfo>>, ProblemHttpResult>> List(HttpContext http, AttachmentStore store, string roundId, string districtId)
    {
        if (await RequireReaderAsync(http, Access.BearerToken(http), roundId, districtId) is { } denied) return denied;
        return TypedResults.Ok(await store.ListAsync(roundId, districtId, http.RequestAborted));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(HttpContext http, string roundId, string districtId, string id)
    {
        if (await RequireReaderAsync(http, Access.BearerToken(http), roundId, districtId) is { } denied) return denied;
        return await FileResultAsync(http, roundId, districtId, id) is { } file ? file : Problems.NotFound($"There is no attachment '{id}'.");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, CaseAttachments attachments, string roundId, string districtId, string id)
    {
        var (_, denied) = await Access.RequireLinkAsync(http, Access.BearerToken(http), LinkPurposes.Submit, roundId, districtId);
        if (denied is not null) return denied;
        var outcome = await attachments.DeleteAsync(roundId, districtId, id, http.RequestAborted);
        if (outcome.Succeeded) return TypedResults.NoContent();
        return outcome.Status == OutcomeStatus.NotFound ? Problems.NotFound(outcome.Detail) : Problems.Conflict(outcome.Detail);
    }

    /// <summary>Null if the token may read the case's files: the district's own link, or a judge's link of the
    /// round once the case is in judging (404 before, so a judge cannot probe who has submitted).</summary>
    public static async Task<ProblemHttpResult?> RequireReaderAsync(HttpContext http, string? token, string roundId, string districtId)
    {
        var claims = http.RequestServices.GetRequiredService<LinkTokens>().Read(token);
        if (claims?.Purpose == LinkPurposes.Judge)
        {
            var (_, deniedJudge) = await Access.RequireLinkAsync(http, token, LinkPurposes.Judge, roundId, claims.Subject);
            if (deniedJudge is not null) return deniedJudge;
            return await http.RequestServices.GetRequiredService<CaseAttachments>().IsJudgeableAsync(roundId, districtId, http.RequestAborted)
                ? null
                : Problems.NotFound($"There is no case of '{districtId}' in judging.");
        }

        var (_, denied) = await Access.RequireLinkAsync(http, token, LinkPurposes.Submit, roundId, districtId);
        return denied;
    }

    /// <summary>The file as a download: never shown inline, a safe name (Korean kept through <c>filename*</c>).</summary>
    public static async Task<FileStreamHttpResult?> FileResultAsync(HttpContext http, string roundId, string districtId, string id)
    {
        var opened = await http.RequestServices.GetRequiredService<AttachmentStore>().OpenAsync(roundId, districtId, id, http.RequestAborted);
        if (opened is not { } file) return null;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(file.Content, file.Info.ContentType, AttachmentKinds.SafeFileName(file.Info.FileName));
    }
}
