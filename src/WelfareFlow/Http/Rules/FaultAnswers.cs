using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WelfareFlow.Http.Rules;

/// <summary>
/// What an exception escaping a handler means for the client: a body the server could not read is the client's
/// (4xx); storage that failed, timed out or could not be reached is nobody's fault and passes (503 with
/// Retry-After). Anything else stays a 500: that is a defect to fix, not to hide.
/// </summary>
public static class FaultAnswers
{
    public const int RetryAfterSeconds = 5;

    public static IResult? For(HttpContext http, Exception exception)
    {
        var e = exception is AggregateException { InnerExceptions: [var only] } ? only : exception;
        switch (e)
        {
            case BadHttpRequestException bad:
                return Results.Problem(statusCode: bad.StatusCode, title: "Bad request", detail: "The request could not be read.",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["The request body could not be read."] } });
            case RequestFailedException { Status: 400 } refused:
                // A key or value the storage service will not take: only client input gets here (ids, lengths).
                return Problems.Validation("body", $"A value of the request cannot be stored ({refused.ErrorCode}); check ids and lengths.");
            case RequestFailedException { Status: 0 or 404 or 408 or 429 or >= 500 }:
            case TimeoutException:
            case HttpRequestException:
            case OperationCanceledException when !http.RequestAborted.IsCancellationRequested:
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                    detail: $"Storage did not answer in time. Nothing was lost; retry in {RetryAfterSeconds} seconds.");
            default:
                return null;
        }
    }

    /// <summary>The same answers inside the Server's exception handler, which runs before the outer guard sees the exception.</summary>
    public sealed class Handler(ILogger<Handler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (For(httpContext, exception) is not { } answer) return false;
            // The path is not logged: link paths carry tokens.
            logger.LogWarning("Answered a {Method} request with a refusal instead of a 500: {ExceptionType}", httpContext.Request.Method, exception.GetType().Name);
            await answer.ExecuteAsync(httpContext);
            return true;
        }
    }
}
