using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WelfareFlow.Http;

/// <summary>Reads a JSON body so that malformed input becomes a 400 problem, never a 500.</summary>
public static class RequestBody
{
    const long MaxBytes = 4 * 1024 * 1024;

    public static async Task<(T? Value, ValidationProblem? Error)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Validation("body", "Send a JSON body with Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.Validation("body", $"The body is larger than {MaxBytes / 1024 / 1024} MB."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Json.Options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.Validation("body", "The body is empty.")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problems.Validation(field, "This is not valid JSON of the expected shape."));
        }
    }
}
