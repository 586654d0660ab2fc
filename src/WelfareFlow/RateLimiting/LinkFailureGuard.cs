using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Http.Rules;
using WelfareFlow.Ops;
using WelfareFlow.Pages;

namespace WelfareFlow.RateLimiting;

/// <summary>
/// Middleware ahead of everything, in both hosts (added by <see cref="StartupFilter"/> from the services, so the
/// Functions worker's ASP.NET Core pipeline gets it too): counts each client's 401 and 403 answers on the routes
/// that take a credential (<c>/api</c>, <c>/submit</c>, <c>/judge</c>, the dashboard's sign-in) and, past the
/// limit, answers 429 with Retry-After — but only to requests without a genuine credential
/// (<see cref="Credentials"/>). Then the door rules (<see cref="DoorRules"/>) refuse malformed requests before
/// any handler reads them, and <see cref="FaultAnswers"/> turns what still escapes into a 4xx or a 503.
/// </summary>
public static class LinkFailureGuard
{
    public static bool Guards(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/submit") || request.Path.StartsWithSegments("/judge")
        || Credentials.IsSignIn(request);

    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var guarded = Guards(http.Request);
        var limiter = http.RequestServices.GetRequiredService<LinkFailureLimiter>();
        var client = guarded ? http.RequestServices.GetRequiredService<ClientAddress>().Of(http) : "";
        if (guarded && limiter.RetryAfter(client) is { } wait && !await Credentials.AreGenuineAsync(http))
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

        if (DoorRules.Refusal(http) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        try
        {
            if (http.RequestServices.GetService<OpsSession>() is { } session && http.Request.Path.StartsWithSegments("/ops"))
            {
                await session.LoadSignOutAsync(http);
            }

            await next(http);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            // The Functions worker has no exception handler of its own; the Server's answers the same way first.
            http.Response.Clear();
            if (FaultAnswers.For(http, e) is not { } answer) throw;
            await answer.ExecuteAsync(http);
        }

        if (guarded && http.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
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
