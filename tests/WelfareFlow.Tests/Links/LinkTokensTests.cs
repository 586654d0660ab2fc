using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WelfareFlow.Configuration;
using WelfareFlow.Links;

namespace WelfareFlow.Tests.Links;

/// <summary>The token format on its own, with a fake clock: signature, expiry, tampering.</summary>
public sealed class LinkTokensTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(9));

    static LinkTokens Tokens(TimeProvider time, string key = "signing-key-for-tests") =>
        new(Options.Create(new WelfareFlowOptions { SigningKey = key }), time);

    [Fact]
    public void Read_ValidToken_ReturnsItsClaims()
    {
        var time = new FakeTimeProvider(Now);
        var tokens = Tokens(time);
        var claims = new LinkClaims(LinkPurposes.Judge, "goyang-2024", "judge-1", Now.AddDays(1), 3);

        var read = tokens.Read(tokens.Issue(claims));

        Assert.Equal(claims with { Expires = DateTimeOffset.FromUnixTimeSeconds(claims.Expires.ToUnixTimeSeconds()) }, read);
    }

    [Fact]
    public void Read_AfterExpiry_ReturnsNull()
    {
        var time = new FakeTimeProvider(Now);
        var tokens = Tokens(time);
        var token = tokens.Issue(new LinkClaims(LinkPurposes.Submit, "goyang-2024", "gobong", Now.AddHours(1), 1));

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(tokens.Read(token));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(tokens.Read(token));
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("version")]
    [InlineData("expiry")]
    [InlineData("signature")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public void Read_TamperedToken_ReturnsNull(string tampering)
    {
        var time = new FakeTimeProvider(Now);
        var tokens = Tokens(time);
        var claims = new LinkClaims(LinkPurposes.Submit, "goyang-2024", "gobong", Now.AddDays(1), 1);
        var token = tokens.Issue(claims);
        var signature = token.Split('.')[1];
        string Forge(LinkClaims other) => tokens.Issue(other).Split('.')[0] + "." + signature;

        var tampered = tampering switch
        {
            "subject" => Forge(claims with { Subject = "juyeop-1" }),
            "version" => Forge(claims with { Version = 2 }),
            "expiry" => Forge(claims with { Expires = Now.AddYears(1) }),
            "signature" => token[..^2] + (token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"),
            "truncated" => token[..^5],
            _ => "not-a-token",
        };

        Assert.Null(tokens.Read(tampered));
    }

    [Fact]
    public void Read_TokenSignedWithAnotherKey_ReturnsNull()
    {
        var time = new FakeTimeProvider(Now);
        var token = Tokens(time, "another-key").Issue(new LinkClaims(LinkPurposes.Judge, "goyang-2024", "judge-1", Now.AddDays(1), 1));

        Assert.Null(Tokens(time).Read(token));
    }
}
