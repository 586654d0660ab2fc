using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>
/// The dashboard's sign-in: a session cookie <c>{id}.{expiry}.{HMAC}</c> keyed from the signing key and the
/// operator key (so changing the operator key signs everyone out, and several Server instances accept each
/// other's cookies without a shared key ring). Form posts carry a per-session HMAC field against CSRF, on top
/// of SameSite=Strict. Signing out records the session id in a table until the cookie would have expired, so a
/// copied cookie stops working at once on every instance, not only in the browser that signed out.
/// </summary>
public sealed class OpsSession(IOptions<WelfareFlowOptions> options, WelfareTables tables, TimeProvider time)
{
    const string SignedOutItem = "wf-ops-signed-out", SignedOutPartition = "signed-out";

    public const string Cookie = "wf-ops";
    public const string CsrfField = "_csrf";
    static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public bool KeyMatches(string? given) => Http.Access.IsOperatorKey(options.Value, given);

    public void SignIn(HttpContext http)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow() + Lifetime;
        var payload = $"{id}.{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        http.Response.Cookies.Append(Cookie, $"{payload}.{Sign("session|" + payload)}", CookieOptions(http, expires));
    }

    /// <summary>Ends the session everywhere: the id is recorded as signed out, then the browser's cookie is deleted.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        if (Signed(http) is { } session)
        {
            await tables.EnsureCreatedAsync();
            await tables.SignedOut.UpsertEntityAsync(new SignedOutRow { PartitionKey = SignedOutPartition, RowKey = session.Id, Expires = session.Expires }, cancellationToken: http.RequestAborted);
        }

        http.Response.Cookies.Delete(Cookie, CookieOptions(http, null));
    }

    /// <summary>Called ahead of the dashboard's handlers (the front door's middleware): marks the request when its
    /// cookie belongs to a signed-out session, so <see cref="SessionId"/> refuses it.</summary>
    public async Task LoadSignOutAsync(HttpContext http)
    {
        if (Signed(http) is not { } session) return;
        await tables.EnsureCreatedAsync();
        var row = await tables.SignedOut.GetEntityIfExistsAsync<SignedOutRow>(SignedOutPartition, session.Id, cancellationToken: http.RequestAborted);
        if (row.HasValue) http.Items[SignedOutItem] = true;
    }

    /// <summary>The session id of a valid, unexpired cookie that was not signed out; otherwise null.</summary>
    public string? SessionId(HttpContext http) => http.Items.ContainsKey(SignedOutItem) ? null : Signed(http)?.Id;

    (string Id, DateTimeOffset Expires)? Signed(HttpContext http)
    {
        if (http.Request.Cookies[Cookie] is not { Length: < 200 } value || value.Split('.') is not [var id, var expiry, var signature]) return null;
        var expected = Encoding.ASCII.GetBytes(Sign($"session|{id}.{expiry}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))) return null;
        if (!long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || unix > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(unix);
        return expires <= time.GetUtcNow() ? null : (id, expires);
    }

    public string CsrfToken(string sessionId) => Sign("csrf|" + sessionId);

    public bool CsrfMatches(string sessionId, string? given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CsrfToken(sessionId)), Encoding.ASCII.GetBytes(given ?? ""));

    string Sign(string text)
    {
        var value = options.Value;
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(value.SigningKey), Encoding.UTF8.GetBytes("ops-session|" + value.OperatorApiKey));
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    static CookieOptions CookieOptions(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/ops",
        Expires = expires,
        IsEssential = true,
    };

    /// <summary>A signed-out session: its id, and when its cookie would have expired.</summary>
    public sealed class SignedOutRow : RowBase
    {
        public DateTimeOffset Expires { get; set; }
    }
}
