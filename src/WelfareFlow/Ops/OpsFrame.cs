using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WelfareFlow.Ops;

/// <summary>What every dashboard page's frame needs: its words, title, the language toggle's address and, when signed
/// in, the sign-out form's CSRF value.</summary>
public sealed record OpsFrame(OpsText Text, string Title, string LanguageHref, string? Csrf)
{
    public static OpsFrame For(HttpContext http, OpsText text, string title, string? sessionId)
    {
        var path = http.Request.Path.Value ?? "/ops";
        var query = http.Request.Query.Where(q => q.Key != "lang")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"lang={text.OtherLanguage}");
        var csrf = sessionId is null ? null : http.RequestServices.GetRequiredService<OpsSession>().CsrfToken(sessionId);
        return new OpsFrame(text, title, path + "?" + string.Join('&', query), csrf);
    }

    /// <summary>A time as a person reads it here: Seoul time with its zone, in this page's language.</summary>
    public string Time(DateTimeOffset at) => SeoulTime.For(Text.Language, at);
}
