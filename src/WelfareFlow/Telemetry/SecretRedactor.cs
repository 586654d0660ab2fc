using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;

namespace WelfareFlow.Telemetry;

/// <summary>
/// Removes what must never reach a log or a trace: link tokens (in <c>/submit/…</c> and <c>/judge/…</c> paths,
/// or anywhere by their shape), bearer credentials, and the operator and signing keys.
/// </summary>
public sealed partial class SecretRedactor(IOptions<WelfareFlowOptions> options)
{
    public const string Mask = "[redacted]";

    // A link token's payload starts with "v1|", which is "djF8" in base64url.
    [GeneratedRegex(@"djF8[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]+")]
    private static partial Regex TokenShape();

    [GeneratedRegex(@"/(submit|judge)/[^/?#\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPath();

    [GeneratedRegex(@"Bearer\s+[^\s""',;]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerCredential();

    public bool ContainsSecret(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        return TokenShape().IsMatch(text) || LinkPath().IsMatch(text) || BearerCredential().IsMatch(text) || Keys().Any(k => text.Contains(k, StringComparison.Ordinal));
    }

    public string Redact(string text)
    {
        if (!ContainsSecret(text)) return text;
        var result = LinkPath().Replace(text, m => $"/{m.Groups[1].Value}/{Mask}");
        result = TokenShape().Replace(result, Mask);
        result = BearerCredential().Replace(result, "Bearer " + Mask);
        foreach (var key in Keys()) result = result.Replace(key, Mask, StringComparison.Ordinal);
        return result;
    }

    IEnumerable<string> Keys()
    {
        var value = options.Value;
        // Very short keys would mask ordinary words; keys that short are refused elsewhere anyway.
        if (value.OperatorApiKey.Length >= 6) yield return value.OperatorApiKey;
        if (value.SigningKey.Length >= 6) yield return value.SigningKey;
    }
}
