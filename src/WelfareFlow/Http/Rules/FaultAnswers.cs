using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WelfareFlow.Pages;

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
        var e = Unwrap(http, exception);
        switch (e)
        {
            case BadHttpRequestException bad:
                return Results.Problem(statusCode: bad.StatusCode, title: "Bad request", detail: "The request could not be read.",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["The request body could not be read."] } });
            case RequestFailedException { Status: 400 } refused:
                // A key or value the storage service will not take: only client input gets here (ids, lengths).
                return Problems.Validation("body", $"A value of the request cannot be stored ({refused.ErrorCode}); check ids and lengths.");
            case var transient when IsTransient(http, transient):
                return Unavailable(http);
            default:
                return null;
        }
    }

    /// <summary>503 with Retry-After: problem+json for the API, a page for a person at a link page or the dashboard.</summary>
    public static IResult Unavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (IsPage(http.Request)) return PageResponses.Unavailable(http, RetryAfterSeconds);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
            detail: $"Storage or the workflow engine did not answer in time. Nothing was lost; retry in {RetryAfterSeconds} seconds.");
    }

    /// <summary>A person in a browser reads these: the link pages and the dashboard get a page in their language.</summary>
    static bool IsPage(HttpRequest request) =>
        request.Path.StartsWithSegments("/submit") || request.Path.StartsWithSegments("/judge") || request.Path.StartsWithSegments("/ops");

    static bool IsTransient(HttpContext http, Exception e) => e switch
    {
        RequestFailedException { Status: 0 or 404 or 408 or 429 or >= 500 } or TimeoutException or HttpRequestException => true,
        OperationCanceledException => !http.RequestAborted.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The Azure SDK reports a request it retried to the end as an AggregateException of every attempt's
    /// failure ("Retry failed after 4 tries"): transient when every attempt failed transiently.</summary>
    static Exception Unwrap(HttpContext http, Exception exception)
    {
        if (exception is not AggregateException aggregate) return exception;
        var inner = aggregate.Flatten().InnerExceptions;
        return inner.Count == 1 || (inner.Count > 1 && inner.All(i => IsTransient(http, i))) ? inner[0] : exception;
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
