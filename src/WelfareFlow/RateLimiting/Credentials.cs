using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Http;
using WelfareFlow.Links;

namespace WelfareFlow.RateLimiting;

/// <summary>
/// Whether a request carries a credential that is genuine: the operator key (header, or the sign-in form's field)
/// or a correctly signed, unexpired link token (bearer header or the link's path). Such a request is always
/// served, however many refusals came from its address: only guessers are slowed down, never real users.
/// A token that is genuine but revoked is still refused by its handler, and that refusal counts.
/// </summary>
public static class Credentials
{
    public static async Task<bool> AreGenuineAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<WelfareFlowOptions>>().Value;
        if (http.Request.Headers.ContainsKey(Access.ApiKeyHeader) && Access.IsOperatorKey(options, http.Request.Headers[Access.ApiKeyHeader].ToString())) return true;

        var tokens = services.GetRequiredService<LinkTokens>();
        if (Access.BearerToken(http) is { } bearer && tokens.Read(bearer) is not null) return true;
        if (LinkInPath(http.Request.Path) is { } linked && tokens.Read(linked) is not null) return true;

        if (IsSignIn(http.Request) && http.Request.HasFormContentType)
        {
            try
            {
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                return Access.IsOperatorKey(options, form["key"].ToString());
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                return false;
            }
        }

        return false;
    }

    public static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/ops/sign-in", StringComparison.OrdinalIgnoreCase);

    /// <summary>The token of <c>/submit/{token}/…</c> or <c>/judge/{token}/…</c>.</summary>
    static string? LinkInPath(PathString path) =>
        path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var kind, var token, ..] && kind is "submit" or "judge" ? token : null;
}
