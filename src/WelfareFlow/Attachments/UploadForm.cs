using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Attachments;

/// <summary>Reads a multipart upload so that an over-size or broken body becomes an answer, never a 500.</summary>
public static class UploadForm
{
    /// <summary>Request size limit of the upload routes: one file of the maximum size plus the form around it.</summary>
    public const long MaxRequestBytes = AttachmentKinds.MaxBytes + 1024 * 1024;

    public enum Failure { None, TooLarge, Malformed }

    public static async Task<(IFormCollection? Form, Failure Failure)> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) return (null, Failure.Malformed);
        if (request.ContentLength > MaxRequestBytes) return (null, Failure.TooLarge);
        try
        {
            return (await request.ReadFormAsync(request.HttpContext.RequestAborted), Failure.None);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Failure.TooLarge);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Failure.Malformed);
        }
    }
}
