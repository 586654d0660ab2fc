using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Links;
using WelfareFlow.Storage;

namespace WelfareFlow.Http;

/// <summary>Who may call: operators by <c>X-Api-Key</c>, districts and judges by the bearer token of their link.</summary>
public static class Access
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Null when the caller is an operator; otherwise the 401 to return.</summary>
    public static ProblemHttpResult? RequireOperator(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<WelfareFlowOptions>>().Value;
        return IsOperatorKey(options, http.Request.Headers[ApiKeyHeader].ToString()) ? null : Problems.Unauthorized($"Send the operator key in the {ApiKeyHeader} header.");
    }

    /// <summary>Compares in constant time; an unset key matches nothing.</summary>
    public static bool IsOperatorKey(WelfareFlowOptions options, string? given) =>
        options.OperatorApiKey.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given ?? ""), Encoding.UTF8.GetBytes(options.OperatorApiKey));

    public static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>
    /// Checks a link token against the resource: 401 if missing, forged, expired or revoked; 403 if valid
    /// but for another purpose, round or subject. Returns the participant on success.
    /// </summary>
    public static async Task<(ParticipantRow? Participant, ProblemHttpResult? Error)> RequireLinkAsync(HttpContext http, string? token, string purpose, string roundId, string subject)
    {
        var claims = http.RequestServices.GetRequiredService<LinkTokens>().Read(token);
        if (claims is null)
        {
            return (null, Problems.Unauthorized("Send the token of your emailed link as 'Authorization: Bearer <token>'. It may have expired."));
        }

        var store = http.RequestServices.GetRequiredService<RoundStore>();
        var holder = claims.Purpose switch
        {
            LinkPurposes.Submit => await store.GetDistrictAsync(claims.RoundId, claims.Subject, http.RequestAborted),
            LinkPurposes.Judge => await store.GetJudgeForLinkAsync(claims.RoundId, claims.Subject, http.RequestAborted),
            _ => null,
        };
        if (holder is null || holder.LinkVersion != claims.Version)
        {
            return (null, Problems.Unauthorized("This link has been replaced by a newer one; use the latest email."));
        }

        if (claims.Purpose != purpose || claims.RoundId != roundId || claims.Subject != subject)
        {
            return (null, Problems.Forbidden("Your link does not give access to this resource."));
        }

        return (holder, null);
    }
}
