using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Pages;

/// <summary>A Goyang round on a test Server with the links its people were emailed: what the page, attachment
/// and browser tests start from.</summary>
public sealed partial class LinkRound(WelfareServer server, string id, IReadOnlyDictionary<string, string> submitTokens)
{
    public WelfareServer Server { get; } = server;
    public string Id { get; } = id;
    public IReadOnlyDictionary<string, string> SubmitTokens { get; } = submitTokens;
    public IReadOnlyDictionary<string, string> JudgeTokens { get; private set; } = new Dictionary<string, string>();

    public static async Task<LinkRound> CreateAsync(WelfareServer server, string id)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await server.Client.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", GoyangRound.Definition(id, now.AddDays(7), now.AddDays(14))));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invitations = await server.Mailbox.WaitForAsync("district-invitation", GoyangRound.Districts.Length);
        return new LinkRound(server, id, invitations.ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "submit")));
    }

    public async Task SubmitByApiAsync(string districtId, string title, string summary = "이웃이 이웃을 돌보는 안부 확인망을 만들었습니다.")
    {
        var put = await Server.Client.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{Id}/cases/{districtId}", SubmitTokens[districtId],
            new { title, summary, category = "돌봄" }));
        Assert.True(put.IsSuccessStatusCode, $"{districtId}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }

    /// <summary>Closes intake; the judges' links are then in their invitations.</summary>
    public async Task CloseSubmissionsAsync()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await Server.Client.SendAsync(Server.Operator(HttpMethod.Post, $"/api/rounds/{Id}/close-submissions"))).StatusCode);
        var mails = await Server.Mailbox.WaitForAsync("judge-invitation", GoyangRound.Judges.Length);
        JudgeTokens = mails.ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "judge"));
    }

    public async Task<JsonElement> ViewAsync() =>
        await (await Server.Client.SendAsync(Server.Operator(HttpMethod.Get, $"/api/rounds/{Id}"))).Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at the 303).</summary>
    public HttpClient Browser(string? acceptLanguage = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Server.BaseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    /// <summary>The hidden anti-forgery field of the page's forms.</summary>
    public static string FormField(string html)
    {
        var match = CsrfField().Match(html);
        Assert.True(match.Success, "The page has no _csrf field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
