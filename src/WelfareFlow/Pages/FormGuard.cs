using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;

namespace WelfareFlow.Pages;

/// <summary>
/// Cross-site request forgery protection without JavaScript. The browser holds a random value in a
/// SameSite=Lax, HttpOnly cookie; each form carries HMAC(key, cookie value | link token). Another site can
/// make a browser post, but cannot read the cookie nor send it cross-site, so it cannot produce the field.
/// </summary>
public sealed class FormGuard(IOptions<WelfareFlowOptions> options)
{
    public const string Cookie = "wf-form";
    public const string Field = "_csrf";
    const string ItemKey = "WelfareFlow.FormGuard.Cookie";

    /// <summary>The hidden field's value for forms of this link; sets the cookie if the browser has none.</summary>
    public string FieldValue(HttpContext http, string linkToken)
    {
        if (http.Items[ItemKey] is not string secret)
        {
            secret = http.Request.Cookies[Cookie] is { Length: 22 } existing ? existing : WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
            http.Items[ItemKey] = secret;
            if (secret != http.Request.Cookies[Cookie])
            {
                http.Response.Cookies.Append(Cookie, secret, new CookieOptions
                {
                    HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/", IsEssential = true,
                });
            }
        }

        return Sign(secret, linkToken);
    }

    public bool IsValid(HttpContext http, IFormCollection form, string linkToken)
    {
        var secret = http.Request.Cookies[Cookie];
        var given = form[Field].ToString();
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(given)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, linkToken)), Encoding.ASCII.GetBytes(given));
    }

    string Sign(string secret, string linkToken)
    {
        // A key of its own, derived from the signing key, so a form field is never also a valid link signature.
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SigningKey), "welfareflow-form-guard"u8);
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret + "|" + linkToken)));
    }
}
