using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>Issue 10, point 1: refusals are counted per client address and slow down only requests without a
/// genuine credential; the right operator key and real links are always served, on both hosts.</summary>
[Collection("azurite")]
public sealed class LockoutTests(AzuriteFixture azurite)
{
    const int Limit = 20;
    static readonly object CaseBody = new { title = "1인가구 고독사 예방", summary = "이웃 돌봄망", category = "돌봄" };

    [Fact]
    public async Task Server_ManyRefusalsFromOneAddress_GenuineKeyAndLinksServed_OthersGet429_OtherAddressesUntouched()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string> { ["WelfareFlow:TrustedProxies"] = "127.0.0.1" });
        var round = await LinkRound.CreateAsync(server, "lockout");
        await round.CloseSubmissionsAsync();
        var district = round.SubmitTokens["gobong"];
        var judge = round.JudgeTokens["judge-1"];
        const string office = "203.0.113.10", neighbour = "203.0.113.11";

        // 30 wrong operator keys and 40 made-up link tokens from the city office's one outgoing address.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) statuses.Add(await SendAsync(server.Client, From(office, Get($"/api/rounds/{round.Id}", key: "wrong-key-" + i))));
        for (var i = 0; i < 40; i++) statuses.Add(await SendAsync(server.Client, From(office, Get($"/submit/made-up-{i}.token"))));
        Assert.Equal(Limit, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(70 - Limit, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Refused requests from that address wait, and are told how long.
        var refused = await server.Client.SendAsync(From(office, Get($"/api/rounds/{round.Id}", key: "still-wrong")));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 600);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync(server.Client, From(office, Get($"/api/rounds/{round.Id}"))));

        // Genuine credentials from the same address are served: operator key, district link (page and API), judge link.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server.Client, From(office, Get($"/api/rounds/{round.Id}", key: WelfareServer.OperatorKey))));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server.Client, From(office, Get($"/submit/{district}"))));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server.Client, From(office, Get($"/judge/{judge}"))));
        var put = From(office, WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round.Id}/cases/gobong", district, CaseBody));
        Assert.Equal(HttpStatusCode.Conflict, await SendAsync(server.Client, put)); // served: submissions are closed, not throttled

        // Another address behind the same proxy is counted on its own.
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server.Client, From(neighbour, Get($"/api/rounds/{round.Id}", key: "wrong"))));
    }

    [Fact]
    public async Task Server_ForwardedForFromAnUntrustedPeer_Ignored_RefusalsCountAgainstThePeer()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++) statuses.Add(await SendAsync(server.Client, From($"198.51.100.{i}", Get("/api/rounds/none", key: "wrong"))));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, Limit).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(server.Client, Get("/api/rounds/none", key: WelfareServer.OperatorKey)));
    }

    [Fact]
    public async Task Server_SignIn_WrongKeysThrottled_RightKeyStillSignsIn()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(server.BaseUrl) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++) statuses.Add(await SendAsync(browser, SignIn("wrong-" + i)));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, Limit).Append(HttpStatusCode.TooManyRequests), statuses);
        var right = await browser.SendAsync(SignIn(WelfareServer.OperatorKey));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wf-ops=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionsHost_ClientsBehindTheFunctionsHost_CountedApart_GenuineLinksServed()
    {
        // The round is made through a Server; the Functions front door shares its storage, task hub and keys.
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "lockout-functions");
        var options = server.Services.GetRequiredService<IOptions<Configuration.WelfareFlowOptions>>().Value;
        await using var functions = await FunctionsFrontDoor.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["WelfareFlow:TaskHub"] = options.TaskHub,
            ["WelfareFlow:OperatorApiKey"] = options.OperatorApiKey,
            ["WelfareFlow:SigningKey"] = options.SigningKey,
            ["Mail:PickupDirectory"] = Path.Combine(server.Folder, "mail"),
        });
        var district = round.SubmitTokens["gobong"];

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) statuses.Add(await SendAsync(functions.Client, From("203.0.113.20", Get($"/submit/made-up-{i}.token"))));
        Assert.Equal(Limit, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(30 - Limit, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Everyone else reaches the worker from the same loopback peer, yet is not locked out.
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(functions.Client, From("203.0.113.21", Get($"/api/rounds/{round.Id}", key: "wrong"))));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(functions.Client, From("203.0.113.21", Get($"/api/rounds/{round.Id}", key: options.OperatorApiKey))));
        // A client cannot escape its count by writing an address of its own in front: the host appends the real one.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync(functions.Client, From("192.0.2.1, 203.0.113.20", Get("/submit/made-up.token"))));
        // And the throttled address is still served with its genuine links.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(functions.Client, From("203.0.113.20", Get($"/submit/{district}"))));
        Assert.Equal(HttpStatusCode.Created, await SendAsync(functions.Client, From("203.0.113.20", WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round.Id}/cases/gobong", district, CaseBody))));
    }

    static HttpRequestMessage Get(string path, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    static HttpRequestMessage SignIn(string key) =>
        new(HttpMethod.Post, "/ops/sign-in") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["returnUrl"] = "/ops" }) };

    static HttpRequestMessage From(string forwardedFor, HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
