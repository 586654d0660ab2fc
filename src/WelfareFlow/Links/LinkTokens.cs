using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;

namespace WelfareFlow.Links;

/// <summary>
/// Link tokens: <c>base64url(payload).base64url(HMAC-SHA256(payload))</c> with payload
/// <c>v1|purpose|round|subject|expiry|version</c>. The version is compared with the participant's
/// current link version by the caller, so bumping it revokes every older link.
/// </summary>
public sealed class LinkTokens(IOptions<WelfareFlowOptions> options, TimeProvider time)
{
    const string Format = "v1";

    public string Issue(LinkClaims claims)
    {
        var payload = string.Join('|', Format, claims.Purpose, claims.RoundId, claims.Subject, claims.Expires.ToUnixTimeSeconds(), claims.Version);
        var bytes = Encoding.UTF8.GetBytes(payload);
        return WebEncoders.Base64UrlEncode(bytes) + "." + WebEncoders.Base64UrlEncode(Sign(bytes));
    }

    /// <summary>The claims of a well-formed, correctly signed, unexpired token; otherwise null.</summary>
    public LinkClaims? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || token.Split('.') is not [var payloadPart, var signaturePart])
        {
            return null;
        }

        byte[] payload, signature;
        try
        {
            payload = WebEncoders.Base64UrlDecode(payloadPart);
            signature = WebEncoders.Base64UrlDecode(signaturePart);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Sign(payload), signature))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payload).Split('|');
        if (fields is not [Format, var purpose, var round, var subject, var expiry, var version]
            || !long.TryParse(expiry, out var expiresUnix) || !int.TryParse(version, out var linkVersion))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiresUnix);
        return expires <= time.GetUtcNow() ? null : new LinkClaims(purpose, round, subject, expires, linkVersion);
    }

    byte[] Sign(byte[] payload)
    {
        var key = options.Value.SigningKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException("WelfareFlow:SigningKey is not set.");
        }

        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), payload);
    }
}
