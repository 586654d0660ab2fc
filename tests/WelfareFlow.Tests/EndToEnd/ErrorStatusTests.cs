using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.EndToEnd;

/// <summary>Every refusal of the HTTP contract, with its status and an RFC 7807 body: never a 500.</summary>
[Collection("azurite")]
public sealed class ErrorStatusTests(AzuriteFixture azurite) : IAsyncLifetime
{
    WelfareServer server = null!;

    public async Task InitializeAsync() => server = await WelfareServer.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task ErrorStatuses_ForEachKindOfClientMistake_AreProblemDetails()
    {
        var http = server.Client;
        var now = DateTimeOffset.UtcNow;

        // 401: no key, wrong key.
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Request(HttpMethod.Post, "/api/rounds", GoyangRound.Definition("r-401", now.AddHours(1), now.AddHours(2)))), HttpStatusCode.Unauthorized);
        var wrongKey = WelfareServer.Request(HttpMethod.Get, "/api/rounds/r-401");
        wrongKey.Headers.Add("X-Api-Key", "not-the-key");
        await AssertProblemAsync(await http.SendAsync(wrongKey), HttpStatusCode.Unauthorized);

        // 400: field errors named after the fields, for a definition with several mistakes and for malformed JSON.
        var bad = await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", new
        {
            id = "Bad Id!", title = "", districts = Array.Empty<object>(), judges = new[] { new { id = "j", name = "심사위원", email = "j@x.example" } },
            rubric = new[] { new { id = "creativity", title = "창의성", maxPoints = 20 } }, aggregation = "best-guess",
            tiers = new[] { new { id = "best", label = "최우수", quota = 0 } }, submissionDeadline = now.AddHours(2), judgingDeadline = now.AddHours(1),
        }));
        var problem = await AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("id", fields);
        Assert.Contains("aggregation", fields);
        Assert.Contains(fields, f => f.StartsWith("tiers[0]", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.Contains("Deadline", StringComparison.Ordinal));
        var malformed = server.Operator(HttpMethod.Post, "/api/rounds");
        malformed.Content = new StringContent("{\"id\": ", System.Text.Encoding.UTF8, "application/json");
        await AssertProblemAsync(await http.SendAsync(malformed), HttpStatusCode.BadRequest);

        // A valid round; 409 for the same id again.
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", GoyangRound.Definition("errors-2024", now.AddHours(1), now.AddHours(2))))).StatusCode);
        await AssertProblemAsync(await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", GoyangRound.Definition("errors-2024", now.AddHours(1), now.AddHours(3)))), HttpStatusCode.Conflict);
        await AssertProblemAsync(await http.SendAsync(server.Operator(HttpMethod.Get, "/api/rounds/no-such-round")), HttpStatusCode.NotFound);

        var invitations = await server.Mailbox.WaitForAsync("district-invitation", GoyangRound.Districts.Length);
        var tokens = invitations.Where(m => m.Subject.Length > 0).ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "submit"));
        var body = new { title = "사례", summary = "요약", category = "돌봄" };

        // 401 for a forged or missing token, 403 for another district's valid token, 400 for a bad case body.
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Request(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong", body)), HttpStatusCode.Unauthorized);
        var forged = tokens["gobong"][..^3] + (tokens["gobong"].EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong", forged, body)), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong", tokens["juyeop-1"], body)), HttpStatusCode.Forbidden);
        var badCase = await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong", tokens["gobong"], new { title = "", summary = "요약" })), HttpStatusCode.BadRequest);
        Assert.True(badCase.GetProperty("errors").TryGetProperty("title", out _));
        Assert.True(badCase.GetProperty("errors").TryGetProperty("category", out _));

        // Two cases in; results and publish are conflicts before allocation.
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong", tokens["gobong"], body))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/juyeop-1", tokens["juyeop-1"], body))).StatusCode);
        await AssertProblemAsync(await http.SendAsync(server.Operator(HttpMethod.Get, "/api/rounds/errors-2024/results")), HttpStatusCode.Conflict);
        await AssertProblemAsync(await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds/errors-2024/publish")), HttpStatusCode.Conflict);

        // 409 for a submission after close.
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds/errors-2024/close-submissions"))).StatusCode);
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/madu-1", tokens["madu-1"], body)), HttpStatusCode.Conflict);
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong", tokens["gobong"], body)), HttpStatusCode.Conflict);
        await AssertProblemAsync(await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds/errors-2024/close-submissions")), HttpStatusCode.Conflict);

        var judges = (await server.Mailbox.WaitForAsync("judge-invitation", 4)).ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "judge"));
        var full = GoyangRound.Rubric.ToDictionary(r => r.Id, r => (double)r.MaxPoints);

        // Scores: 403 for another judge's token or a district's token on a judge route, 400 for each broken rule, 404 for a case not in judging.
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong/scores/judge-1", judges["judge-2"], new { criteria = full })), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong/scores/judge-1", tokens["gobong"], new { criteria = full })), HttpStatusCode.Forbidden);
        var broken = new Dictionary<string, double>(full) { ["creativity"] = 21, ["effectiveness"] = 10.3 };
        broken.Remove("collaboration");
        broken["unknown"] = 1;
        var scoreProblem = await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong/scores/judge-1", judges["judge-1"], new { criteria = broken })), HttpStatusCode.BadRequest);
        var scoreFields = scoreProblem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(scoreFields, f => f.Contains("creativity", StringComparison.Ordinal));
        Assert.Contains(scoreFields, f => f.Contains("effectiveness", StringComparison.Ordinal));
        Assert.Contains(scoreFields, f => f.Contains("collaboration", StringComparison.Ordinal));
        Assert.Contains(scoreFields, f => f.Contains("unknown", StringComparison.Ordinal));
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/madu-1/scores/judge-1", judges["judge-1"], new { criteria = full })), HttpStatusCode.NotFound);

        // All four judges score gobong; the case becomes final, and a revision is then a conflict.
        foreach (var judge in GoyangRound.Judges)
        {
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/errors-2024/cases/gobong/scores/{judge}", judges[judge], new { criteria = full }))).StatusCode);
        }

        await WaitForCaseStatusAsync("errors-2024", "gobong", "final");
        await AssertProblemAsync(await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/errors-2024/cases/gobong/scores/judge-1", judges["judge-1"], new { criteria = full })), HttpStatusCode.Conflict);

        // Special award: 400 for an unknown district.
        await AssertProblemAsync(await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds/errors-2024/special-awards", new { districtId = "atlantis", title = "특별상", reason = "?" })), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"id":"x1","districts":[null],"judges":[null],"rubric":[null],"tiers":[null]}""")]
    [InlineData("""{"id":"x2","districts":[{"id":null,"name":null,"email":null}],"rubric":[{"id":"c","title":"C","maxPoints":-1}]}""")]
    [InlineData("""{"id":"x3","title":"t","submissionDeadline":"not a date"}""")]
    [InlineData("""{"id":"x4","tiers":[{"id":"best","label":"최우수","quota":"many"}]}""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    [InlineData("""{"id":"x5","reminderEvery":"every day","aggregation":"z-score","operatorEmails":["not-an-email"]}""")]
    public async Task CreateRound_MalformedShapes_Return400NeverA500(string json)
    {
        var request = server.Operator(HttpMethod.Post, "/api/rounds");
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var problem = await AssertProblemAsync(await server.Client.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _));
    }

    async Task WaitForCaseStatusAsync(string roundId, string districtId, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{roundId}"))).Content.ReadFromJsonAsync<JsonElement>();
            var current = view.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("districtId").GetString() == districtId).GetProperty("status").GetString();
            if (current == status) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Case {districtId} stayed {current}.");
            await Task.Delay(100);
        }
    }

    static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem;
    }
}
