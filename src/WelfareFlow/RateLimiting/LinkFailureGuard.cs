using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Pages;

namespace WelfareFlow.RateLimiting;

/// <summary>
/// Middleware over every route that takes a credential (<c>/api</c>, <c>/submit</c>, <c>/judge</c>): counts the
/// client's 401 and 403 answers and, past the limit, answers 429 with Retry-After before any handler runs.
/// Added ahead of the host's pipeline by <see cref="StartupFilter"/>, so both hosts get it from the services.
/// </summary>
public static class LinkFailureGuard
{
    public static bool Guards(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/submit") || path.StartsWithSegments("/judge");

    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!Guards(http.Request.Path))
        {
            await next(http);
            return;
        }

        var limiter = http.RequestServices.GetRequiredService<LinkFailureLimiter>();
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.RetryAfter(client) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var refusal = http.Request.Path.StartsWithSegments("/api")
                ? Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Too many refused requests from your address. Try again in {seconds} seconds.")
                : PageResponses.TooManyRequests(http, seconds);
            await refusal.ExecuteAsync(http);
            return;
        }

        await next(http);
        if (http.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            limiter.RecordFailure(client);
        }
    }

    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(InvokeAsync);
            next(app);
        };
    }
}
