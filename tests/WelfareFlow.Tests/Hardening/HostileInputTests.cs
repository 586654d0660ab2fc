using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WelfareFlow.Tests.Attachments;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>Issue 10, points 3, 4 and 7: the inputs that went wrong, each answered by a 4xx problem naming the field
/// (or, for the long summary, accepted with its audit entry and receipt). The lockout inputs are in <see cref="LockoutTests"/>.</summary>
[Collection("azurite")]
public sealed class HostileInputTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RoundDefinition_HostileValues_400NamingTheField_NothingCreated()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string> { ["WelfareFlow:MinimumReminderInterval"] = "01:00:00" });
        var now = DateTimeOffset.UtcNow;
        (string Field, Action<JsonObject> Spoil)[] cases =
        [
            ("title", d => d["title"] = new string('가', 100_000)),
            ("submissionDeadline", d => d["submissionDeadline"] = now.AddDays(-1)),
            ("judgingDeadline", d => d["judgingDeadline"] = DateTimeOffset.Parse("9999-12-31T00:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture)),
            ("districts[0].email", d => d["districts"]![0]!["email"] = "a<b@c.d"),
            ("districts[1].name", d => d["districts"]![1]!["name"] = new string('n', 101)),
            ("judges[0].email", d => d["judges"]![0]!["email"] = "judge 1@judges.example"),
            ("operatorEmails[0]", d => d["operatorEmails"] = new JsonArray("Welfare <welfare@goyang.example>")),
            ("reminderEvery", d => d["reminderEvery"] = "PT1S"),
            ("rubric[0].title", d => d["rubric"]![0]!["title"] = "창의성\u0000"),
        ];

        foreach (var (field, spoil) in cases)
        {
            var definition = JsonSerializer.SerializeToNode(GoyangRound.Definition("hostile-" + field.Length, now.AddDays(7), now.AddDays(14)), Json.Options)!.AsObject();
            spoil(definition);
            using var response = await server.Client.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", definition));
            await AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, field);
        }

        var rounds = await server.Client.SendAsync(server.Operator(HttpMethod.Get, "/api/rounds"));
        Assert.DoesNotContain("hostile-", await rounds.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryFormsAndUploads_HostileValues_4xxProblemsNamingTheField()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "hostile-door");
        var token = round.SubmitTokens["gobong"];

        await AssertProblemNamingAsync(await server.Client.SendAsync(server.Operator(HttpMethod.Get, "/api/instances?top=abc")), HttpStatusCode.BadRequest, "top");
        await AssertProblemNamingAsync(await server.Client.SendAsync(server.Operator(HttpMethod.Get, "/api/instances?top=-1")), HttpStatusCode.BadRequest, "top");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(server.Operator(HttpMethod.Get, "/api/instances?top=5"))).StatusCode);

        var signIn = new HttpRequestMessage(HttpMethod.Post, "/ops/sign-in") { Content = JsonContent.Create(new { key = WelfareServer.OperatorKey }) };
        await AssertProblemNamingAsync(await server.Client.SendAsync(signIn), HttpStatusCode.UnsupportedMediaType, "body");

        var odd = server.Operator(HttpMethod.Get, "/api/rounds/" + Uri.EscapeDataString("a\\b#c"));
        await AssertProblemNamingAsync(await server.Client.SendAsync(odd), HttpStatusCode.BadRequest, "roundId");
        await AssertProblemNamingAsync(await server.Client.SendAsync(server.Operator(HttpMethod.Get, "/api/rounds/" + new string('x', 2000))), HttpStatusCode.BadRequest, "roundId");

        var upload = new MultipartFormDataContent();
        var file = new ByteArrayContent(SampleFiles.Pdf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        upload.Add(file, "file", "a." + new string('b', 200));
        var request = WelfareServer.Bearer(HttpMethod.Post, $"/api/rounds/{round.Id}/cases/gobong/attachments", token);
        request.Content = upload;
        await AssertProblemNamingAsync(await server.Client.SendAsync(request), HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task CaseSummary_20000Quotes_AcceptedAuditedAndReceipted()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "hostile-summary");
        var summary = new string('"', 20_000);

        var put = await server.Client.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round.Id}/cases/gobong", round.SubmitTokens["gobong"],
            new { title = "따옴표", summary, category = "돌봄" }));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(summary, (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetString());

        var audit = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round.Id}/audit"))).Content.ReadFromJsonAsync<JsonElement>();
        var entry = audit.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "case-submitted");
        var after = JsonDocument.Parse(entry.GetProperty("after").GetString()!).RootElement;
        var full = JsonSerializer.Serialize(new { Title = "따옴표", Summary = summary, Category = "돌봄" }, Json.Options);
        Assert.Equal(full.Length, after.GetProperty("length").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(full))), after.GetProperty("sha256").GetString());
        Assert.StartsWith(after.GetProperty("excerpt").GetString()!, full, StringComparison.Ordinal);

        var receipts = await server.Mailbox.WaitForAsync("submission-receipt", 1);
        Assert.Contains(receipts, m => m.To == "gobong@goyang.example");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rcr", "'\rcr")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("고봉동", "고봉동")]
    public void CsvField_FormulaLikeCell_Neutralised_NumbersKept(string value, string expected)
    {
        var written = Encoding.UTF8.GetString(Http.Csv.Utf8WithBom([[value]]).AsSpan(3));
        var cell = written.TrimEnd('\r', '\n');
        var unquoted = cell.StartsWith('"') ? cell[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : cell;
        Assert.Equal(expected, unquoted);
    }

    static async Task AssertProblemNamingAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status} naming '{field}', got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"The problem names {string.Join(", ", errors.EnumerateObject().Select(p => p.Name))}, not '{field}'.");
    }
}
