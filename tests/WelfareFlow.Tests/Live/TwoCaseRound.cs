using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Links;
using WelfareFlow.Tests.Deadlines;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Live;

/// <summary>A round whose two districts (gobong, juyeop-1) have submitted and whose submissions are closed: judging
/// has started. Links are made here (<see cref="Token"/>), so tests do not wait for the invitations.</summary>
public sealed class TwoCaseRound(WelfareServer server, string id, DateTimeOffset now)
{
    public static readonly string[] Districts = ["gobong", "juyeop-1"];

    public string Id { get; } = id;

    public string Token(string purpose, string subject) =>
        server.Services.GetRequiredService<LinkTokens>().Issue(new LinkClaims(purpose, Id, subject, now.AddDays(1), 1));

    public static async Task<TwoCaseRound> JudgingAsync(WelfareServer server, string id, object definition, DateTimeOffset now)
    {
        var http = server.Client;
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", definition))).StatusCode);
        var round = new TwoCaseRound(server, id, now);
        foreach (var district in Districts)
        {
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{id}/cases/{district}", round.Token(LinkPurposes.Submit, district), SmallRound.Case(district)))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{id}/close-submissions"))).StatusCode);
        return round;
    }
}
