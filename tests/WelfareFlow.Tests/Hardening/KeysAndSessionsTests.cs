using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>Issue 10, point 2: short keys refuse to start; signing out ends the session on the server.</summary>
[Collection("azurite")]
public sealed partial class KeysAndSessionsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("WelfareFlow:OperatorApiKey")]
    [InlineData("WelfareFlow:SigningKey")]
    public async Task Start_KeyOf31Characters_RefusesWithAMessageNamingTheSetting(string setting)
    {
        var shortKey = new string('k', 31);
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            WelfareServer.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string> { [setting] = shortKey }));

        Assert.Contains($"{setting} has 31 characters; it needs at least 32", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_OldCookieReplayed_RefusedOnTheServer()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(server.BaseUrl) };
        var signIn = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ops/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = WelfareServer.OperatorKey, ["returnUrl"] = "/ops" }),
        });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wf-ops=", StringComparison.Ordinal)).Split(';')[0];

        var dashboard = await client.SendAsync(WithCookie(new HttpRequestMessage(HttpMethod.Get, "/ops"), cookie));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var csrf = WebUtility.HtmlDecode(CsrfField().Match(await dashboard.Content.ReadAsStringAsync()).Groups[1].Value);
        var signOut = await client.SendAsync(WithCookie(new HttpRequestMessage(HttpMethod.Post, "/ops/sign-out")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = csrf }),
        }, cookie));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // Someone who copied the cookie before the sign-out gets the sign-in page, not the dashboard.
        var replayed = await client.SendAsync(WithCookie(new HttpRequestMessage(HttpMethod.Get, "/ops"), cookie));
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/ops/sign-in", replayed.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void Limiter_TenThousandAddresses_RemembersAtMostMaxClients_NewestStillThrottled()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-05-01T09:00:00+09:00", System.Globalization.CultureInfo.InvariantCulture));
        var limiter = new WelfareFlow.RateLimiting.LinkFailureLimiter(Options.Create(new WelfareFlow.RateLimiting.LinkFailureLimitOptions { MaxFailures = 3, MaxClients = 100 }), time);
        var most = 0;
        for (var i = 0; i < 10_000; i++)
        {
            limiter.RecordFailure($"10.{i / 65536}.{i / 256 % 256}.{i % 256}");
            time.Advance(TimeSpan.FromMilliseconds(1));
            most = Math.Max(most, limiter.TrackedClients);
        }

        for (var i = 0; i < 5; i++) limiter.RecordFailure("192.0.2.7");

        Assert.InRange(most, 1, 100);
        Assert.NotNull(limiter.RetryAfter("192.0.2.7"));
    }

    static HttpRequestMessage WithCookie(HttpRequestMessage request, string cookie)
    {
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
