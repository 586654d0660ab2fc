using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WelfareFlow.Links;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Deadlines;
using WelfareFlow.Tests.EndToEnd;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Live;

/// <summary>Recusal in a remote round on the real engine: by the judge's link and by an operator; the case stops
/// waiting for the recused judge, its quorum counts the remaining seats, the results and audit name it.</summary>
[Collection("azurite")]
public sealed class RecusalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Recusal_ByJudgeAndByOperator_CaseFinalWithRemainingSeatsAndExplained()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var http = server.Client;
        const string round = "recusal-2024";
        var now = DateTimeOffset.UtcNow;
        var setup = await TwoCaseRound.JudgingAsync(server, round,
            SmallRound.Definition(round, TwoCaseRound.Districts, ["judge-1", "judge-2", "judge-3"], now.AddHours(1), now.AddHours(2)), now);
        var judge = new[] { "judge-1", "judge-2", "judge-3" }.ToDictionary(j => j, j => setup.Token(LinkPurposes.Judge, j));
        await ScoreAsync(http, round, "gobong", "judge-1", judge["judge-1"], 40);

        var reason = new { reason = "본인이 해당 동 복지위원으로 활동 / I serve on this district's welfare committee" };
        string Recusal(string district, string judgeId) => $"/api/rounds/{round}/cases/{district}/recusals/{judgeId}";
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Post, Recusal("gobong", "judge-3"), judge["judge-2"], reason))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Post, Recusal("gobong", "judge-3"), judge["judge-3"], new { reason = " " }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Post, Recusal("gobong", "judge-3"), judge["judge-3"], reason))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Post, Recusal("gobong", "judge-3"), judge["judge-3"], reason))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/gobong/scores/judge-3", judge["judge-3"], SmallRound.Score(10, 10)))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Post, Recusal("gobong", "judge-1"), judge["judge-1"], reason))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, Recusal("juyeop-1", "judge-2"), reason))).StatusCode);

        var view = await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}"))).Content.ReadFromJsonAsync<JsonElement>();
        var gobongSeats = view.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("districtId").GetString() == "gobong").GetProperty("judges");
        Assert.Equal("scored", gobongSeats.GetProperty("judge-1").GetString());
        Assert.Equal("pending", gobongSeats.GetProperty("judge-2").GetString());
        Assert.Equal("recused", gobongSeats.GetProperty("judge-3").GetString());
        Assert.Equal("remote", view.GetProperty("judging").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("current").ValueKind);

        // The presentation day belongs to live rounds: a remote round refuses it, and only known judging modes exist.
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/cases/gobong/open"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(server.Operator(HttpMethod.Put, $"/api/rounds/{round}/running-order", new { order = new[] { "gobong", "juyeop-1" } }))).StatusCode);
        var bogus = await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", new Dictionary<string, object?>
        {
            ["id"] = "judging-bogus", ["title"] = "잘못된 심사 방식", ["judging"] = "onsite",
            ["districts"] = new[] { new { id = "gobong", name = "고봉동", email = "gobong@goyang.example" } },
            ["judges"] = new[] { new { id = "judge-1", name = "심사위원 1", email = "judge-1@judges.example" } },
            ["rubric"] = new[] { new { id = "creativity", title = "창의성", maxPoints = 50 } }, ["aggregation"] = "mean",
            ["tiers"] = new[] { new { id = "best", label = "최우수", quota = 1 } }, ["submissionDeadline"] = now.AddHours(1), ["judgingDeadline"] = now.AddHours(2),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.True((await bogus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("judging", out _));

        // The remaining seats score: each case is final without the recused judge, and the round publishes.
        await ScoreAsync(http, round, "gobong", "judge-2", judge["judge-2"], 30);
        await ScoreAsync(http, round, "juyeop-1", "judge-1", judge["judge-1"], 45);
        await ScoreAsync(http, round, "juyeop-1", "judge-3", judge["judge-3"], 20);
        await ContestEndToEndTests.WaitForPhaseAsync(server, round, "published");
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(server.Operator(HttpMethod.Post, Recusal("gobong", "judge-2"), reason))).StatusCode);

        // Mean of the scores present: gobong (80 + 60) / 2, juyeop-1 (90 + 40) / 2; both ranked with two of three seats.
        var results = await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}/results"))).Content.ReadFromJsonAsync<JsonElement>();
        var awards = results.GetProperty("awards").EnumerateArray().ToDictionary(a => a.GetProperty("districtId").GetString()!);
        Assert.Equal((80 + 60) / 2.0, awards["gobong"].GetProperty("score").GetDouble());
        Assert.Equal((90 + 40) / 2.0, awards["juyeop-1"].GetProperty("score").GetDouble());
        Assert.Equal(1, awards["gobong"].GetProperty("rank").GetInt32());
        var explanation = awards["gobong"].GetProperty("explanation");
        Assert.Equal(["judge-3"], explanation.GetProperty("recused").EnumerateArray().Select(j => j.GetString()));
        Assert.Contains("judge-3", explanation.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("이해충돌", explanation.GetProperty("summaryKo").GetString(), StringComparison.Ordinal);
        Assert.Equal(["judge-2"], awards["juyeop-1"].GetProperty("explanation").GetProperty("recused").EnumerateArray().Select(j => j.GetString()));

        var audit = await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}/audit"))).Content.ReadFromJsonAsync<JsonElement>();
        var recusals = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "judge-recused").ToList();
        Assert.Equal(["gobong/judge-3", "juyeop-1/judge-2"], recusals.Select(e => e.GetProperty("subject").GetString()).Order());
        Assert.Equal(["judge:judge-3", "operator"], recusals.Select(e => e.GetProperty("actor").GetString()).Order());
    }

    static async Task ScoreAsync(HttpClient http, string round, string district, string judgeId, string token, double each)
    {
        var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}/scores/{judgeId}", token, SmallRound.Score(each, each)));
        Assert.True(put.StatusCode == HttpStatusCode.Created, $"{district}/{judgeId}: {put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }
}
