using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Links;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Deadlines;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Links;

/// <summary>Link tokens over HTTP on the real Server: expired, tampered and revoked links get 401, a valid link
/// on another person's or another purpose's resource gets 403, and an operator's re-issue swaps old for new.</summary>
[Collection("azurite")]
public sealed class LinkAccessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Links_ExpiredTamperedRevokedOrForeign_AreRefusedAndReissuedLinkWorks()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var http = server.Client;
        var now = DateTimeOffset.UtcNow;
        const string round = "links-2024";
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds",
            SmallRound.Definition(round, ["gobong", "juyeop-1"], ["judge-1", "judge-2"], now.AddHours(1), now.AddHours(2))))).StatusCode);
        var invitations = await server.Mailbox.WaitForAsync("district-invitation", 2);
        var submit = invitations.ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "submit"));
        var tokens = server.Services.GetRequiredService<LinkTokens>();
        var body = SmallRound.Case("gobong");
        Task<HttpResponseMessage> PutCase(string district, string token) =>
            http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}", token, body));

        // Expired: correctly signed, current version, but past its expiry.
        var expired = tokens.Issue(new LinkClaims(LinkPurposes.Submit, round, "gobong", DateTimeOffset.UtcNow.AddSeconds(-1), 1));
        await AssertStatusAsync(await PutCase("gobong", expired), HttpStatusCode.Unauthorized);

        // Tampered: the payload names another district but keeps gobong's signature.
        var parts = submit["gobong"].Split('.');
        var forged = tokens.Issue(new LinkClaims(LinkPurposes.Submit, round, "juyeop-1", now.AddDays(90), 1)).Split('.')[0] + "." + parts[1];
        await AssertStatusAsync(await PutCase("juyeop-1", forged), HttpStatusCode.Unauthorized);

        // Another subject's valid link, and a valid link of another purpose: 403.
        await AssertStatusAsync(await PutCase("gobong", submit["juyeop-1"]), HttpStatusCode.Forbidden);
        var judgeLink = tokens.Issue(new LinkClaims(LinkPurposes.Judge, round, "judge-1", now.AddDays(90), 1));
        await AssertStatusAsync(await PutCase("gobong", judgeLink), HttpStatusCode.Forbidden);

        // Re-issue: needs the operator key, 404 for someone unknown; then the old link is revoked and the new one, from the new email, works.
        await AssertStatusAsync(await http.SendAsync(WelfareServer.Request(HttpMethod.Post, $"/api/rounds/{round}/districts/gobong/reissue-link")), HttpStatusCode.Unauthorized);
        await AssertStatusAsync(await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/districts/atlantis/reissue-link")), HttpStatusCode.NotFound);
        var reissued = await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/districts/gobong/reissue-link"));
        Assert.Equal(HttpStatusCode.Accepted, reissued.StatusCode);
        Assert.Equal(2, (await reissued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkVersion").GetInt32());
        var newMail = Assert.Single(await server.Mailbox.WaitForAsync("link-reissued", 1));
        Assert.Equal("gobong@goyang.example", newMail.To);
        var newToken = Mailbox.LinkToken(newMail, "submit");
        await AssertStatusAsync(await PutCase("gobong", submit["gobong"]), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Created, (await PutCase("gobong", newToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutCase("juyeop-1", submit["juyeop-1"])).StatusCode);

        // A judge's link likewise: the old one gets 401, the new one is accepted as the judge (409 only because judging has not started).
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/judges/judge-1/reissue-link"))).StatusCode);
        var judgeMail = (await server.Mailbox.WaitForAsync("link-reissued", 2)).Single(m => m.To == "judge-1@judges.example");
        var score = SmallRound.Score(40, 40);
        await AssertStatusAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/gobong/scores/judge-1", judgeLink, score)), HttpStatusCode.Unauthorized);
        await AssertStatusAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/gobong/scores/judge-1", Mailbox.LinkToken(judgeMail, "judge"), score)), HttpStatusCode.Conflict);

        // Every re-issue is in the audit log.
        var audit = await server.Services.GetRequiredService<WelfareFlow.Storage.AuditLog>().ListAsync(round);
        Assert.Equal(2, audit.Count(a => a.Action == "link-reissued"));
    }

    static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
