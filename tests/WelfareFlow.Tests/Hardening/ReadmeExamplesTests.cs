using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>Issue 10, point 8: README's examples work when copied: its round is accepted as written, and no
/// example carries a deadline that has passed (a round created with one ran straight to review).</summary>
[Collection("azurite")]
public sealed partial class ReadmeExamplesTests(AzuriteFixture azurite)
{
    static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

    [Fact]
    public void Examples_EveryTimestamp_InTheFuture()
    {
        var stamps = Timestamp().Matches(Readme).Select(m => DateTimeOffset.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(stamps);
        Assert.All(stamps, s => Assert.True(s > DateTimeOffset.UtcNow.AddDays(30), $"README example time {s:O} is past or about to pass."));
    }

    [Fact]
    public async Task CreateRoundExample_PostedAsWritten_201()
    {
        var body = CreateRoundBody().Match(Readme);
        Assert.True(body.Success, "README has no `curl -X POST $B/api/rounds … -d '{…}'` example.");
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string> { ["WelfareFlow:MinimumReminderInterval"] = "01:00:00" });
        var request = server.Operator(HttpMethod.Post, "/api/rounds");
        request.Content = new StringContent(body.Groups[1].Value, Encoding.UTF8, "application/json");

        var response = await server.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WelfareFlow.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("No WelfareFlow.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"curl -i -X POST \$B/api/rounds -H ""X-Api-Key: \$K"" -H ""Content-Type: application/json"" -d '(\{.*?\})'", RegexOptions.Singleline)]
    private static partial Regex CreateRoundBody();
}
