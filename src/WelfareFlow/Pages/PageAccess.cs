using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Http;
using WelfareFlow.Links;
using WelfareFlow.Storage;

namespace WelfareFlow.Pages;

/// <summary>The link in the address is the credential: the same checks as the API's bearer token
/// (<see cref="Access.RequireLinkAsync"/>), answered with a page instead of a problem document.</summary>
public static class PageAccess
{
    public sealed record Holder(LinkClaims Claims, ParticipantRow Participant, RoundRow Round);

    public static async Task<(Holder? Holder, IResult? Denied)> RequireAsync(HttpContext http, PageText t, string token, string purpose)
    {
        var claims = http.RequestServices.GetRequiredService<LinkTokens>().Read(token);
        if (claims is null) return (null, PageResponses.InvalidLink(http, t));

        var (participant, denied) = await Access.RequireLinkAsync(http, token, purpose, claims.RoundId, claims.Subject);
        if (denied is IStatusCodeHttpResult { StatusCode: StatusCodes.Status403Forbidden }) return (null, PageResponses.Forbidden(http, t));
        if (denied is not null || participant is null) return (null, PageResponses.InvalidLink(http, t));

        var round = await http.RequestServices.GetRequiredService<RoundStore>().GetAsync(claims.RoundId, http.RequestAborted);
        return round is null ? (null, PageResponses.InvalidLink(http, t)) : (new Holder(claims, participant, round), null);
    }
}
