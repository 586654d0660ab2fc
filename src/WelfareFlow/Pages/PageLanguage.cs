using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Pages;

/// <summary>Korean unless the person chose English with the toggle (<c>?lang=en</c>, remembered in a cookie)
/// or their browser prefers English to Korean.</summary>
public static class PageLanguage
{
    public const string Cookie = "wf-lang";

    public static PageText Resolve(HttpContext http)
    {
        var request = http.Request;
        var chosen = request.Query["lang"].ToString();
        if (chosen is "ko" or "en")
        {
            // A preference, not state of the contest: fine to set on a GET.
            http.Response.Cookies.Append(Cookie, chosen, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = request.IsHttps, Path = "/", MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
            return Of(chosen);
        }

        if (request.Cookies[Cookie] is "ko" or "en") return Of(request.Cookies[Cookie]!);

        var preferred = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("ko", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return Of(preferred is { Length: >= 2 } ? preferred[..2].ToLowerInvariant() : "ko");
    }

    static PageText Of(string code) => code == "en" ? PageText.English : PageText.Korean;
}
