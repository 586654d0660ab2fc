using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WelfareFlow.RateLimiting;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.RateLimiting;

[Collection("azurite")]
public sealed class LinkFailureLimiterTests(AzuriteFixture azurite)
{
    [Fact]
    public void RetryAfter_FailuresSlideOutOfTheWindow_ClientMayGoOnAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2024-05-01T09:00:00+09:00", System.Globalization.CultureInfo.InvariantCulture));
        var limiter = new LinkFailureLimiter(Options.Create(new LinkFailureLimitOptions { MaxFailures = 3, Window = TimeSpan.FromMinutes(1) }), time);

        limiter.RecordFailure("10.0.0.1");
        time.Advance(TimeSpan.FromSeconds(20));
        limiter.RecordFailure("10.0.0.1");
        Assert.Null(limiter.RetryAfter("10.0.0.1"));
        limiter.RecordFailure("10.0.0.1");

        Assert.Equal(TimeSpan.FromSeconds(40), limiter.RetryAfter("10.0.0.1"));
        Assert.Null(limiter.RetryAfter("10.0.0.2"));
        time.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.RetryAfter("10.0.0.1"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(limiter.RetryAfter("10.0.0.1"));
    }

    [Fact]
    public async Task TokenRoutes_RepeatedFailuresFromOneClient_429WithRetryAfterForTheUncredentialed_SuccessesNeverCount()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "rate-limit");
        var http = server.Client;
        var token = round.SubmitTokens["gobong"];
        var forged = token[..^3] + (token.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");

        // Many successful requests in a row are never throttled.
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/submit/{token}")).StatusCode);
        }

        // Failures on pages and the API count together, up to the limit (20 by default)…
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/judge/{forged}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round.Id}/cases/juyeop-1", token, new { title = "x", summary = "x", category = "x" }))).StatusCode);
        }

        // …then requests without a genuine credential from this client wait, as a page or a problem, and are told how long…
        var page = await http.GetAsync($"/judge/{forged}");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.InRange(page.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 600);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("잠시 후 다시 시도해 주십시오", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round.Id}/cases/gobong", forged, new { title = "x", summary = "x", category = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(api.Headers.RetryAfter?.Delta);

        // …while its genuine link is still served (issue 10: a shared office address must not lock real users out).
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/submit/{token}")).StatusCode);
        var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round.Id}/cases/gobong", token, new { title = "x", summary = "x", category = "x" }));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        // Routes without a credential are not affected.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }
}
