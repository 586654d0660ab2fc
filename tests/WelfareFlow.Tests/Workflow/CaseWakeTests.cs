using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WelfareFlow.Links;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Deadlines;
using WelfareFlow.Tests.EndToEnd;
using WelfareFlow.Tests.Live;
using WelfareFlow.Tests.Ops;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Workflow;

/// <summary>A judge's score wakes its case only once every seat is filled (Scoring, SeatsFilled): the case's history
/// holds one such event, not one per score, and judges filling the last seats at the same moment still finish it.</summary>
[Collection("azurite")]
public sealed class CaseWakeTests(AzuriteFixture azurite)
{
    static readonly string[] Judges = ["judge-1", "judge-2", "judge-3"];

    [Fact]
    public async Task Scores_WakeTheCaseOnceItsLastSeatIsFilled_AlsoWhenTheLastSeatsFillAtOnce()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        const string round = "wake-2024";
        var now = DateTimeOffset.UtcNow;
        var setup = await TwoCaseRound.JudgingAsync(server, round,
            SmallRound.Definition(round, TwoCaseRound.Districts, Judges, now.AddHours(1), now.AddHours(2)), now);
        // The invitations go out once every case waits and what was stored before was raised to them again.
        await server.Mailbox.WaitForAsync("judge-invitation", Judges.Length);
        var token = Judges.ToDictionary(j => j, j => setup.Token(LinkPurposes.Judge, j));

        // gobong: two of three seats and a revision. The tables hold them; the case has heard of none.
        Assert.Equal(HttpStatusCode.Created, await ScoreAsync(server, round, "gobong", "judge-1", token, 30));
        Assert.Equal(HttpStatusCode.Created, await ScoreAsync(server, round, "gobong", "judge-2", token, 40));
        Assert.Equal(HttpStatusCode.OK, await ScoreAsync(server, round, "gobong", "judge-1", token, 35));
        var seats = (await ViewAsync(server, round)).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("districtId").GetString() == "gobong").GetProperty("judges");
        Assert.Equal(["scored", "scored", "pending"], Judges.Select(j => seats.GetProperty(j).GetString()));
        Assert.Empty(await ScoreEventsAsync(server, $"{round}.gobong"));
        // The dashboard's instance list tells who scored from the tables, not from what the case has counted.
        using var browser = await DashboardHttpTests.SignedInAsync(server);
        var page = WebUtility.HtmlDecode(await (await browser.GetAsync($"/ops/rounds/{round}?lang=en")).Content.ReadAsStringAsync());
        Assert.Contains("scored by 2 (심사위원 1, 심사위원 2) · waiting for 1 (심사위원 3)", page, StringComparison.Ordinal);

        // The last seat: one event, and the case counts all three.
        Assert.Equal(HttpStatusCode.Created, await ScoreAsync(server, round, "gobong", "judge-3", token, 25));
        var gobong = await WaitForFinalAsync(server, $"{round}.gobong");
        Assert.Equal(Judges, gobong.GetProperty("customStatus").GetProperty("scored").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(["SeatsFilled"], await ScoreEventsAsync(server, $"{round}.gobong"));

        // juyeop-1: every seat at once. Whoever reads the seats last sees all three, so the case is woken (once or more).
        var puts = await Task.WhenAll(Judges.Select((j, i) => ScoreAsync(server, round, "juyeop-1", j, token, 20 + 10 * i)));
        Assert.All(puts, status => Assert.Equal(HttpStatusCode.Created, status));
        await WaitForFinalAsync(server, $"{round}.juyeop-1");
        Assert.InRange((await ScoreEventsAsync(server, $"{round}.juyeop-1")).Count, 1, Judges.Length);

        // The round publishes with every score, the revision included: gobong (70 + 80 + 50) / 3, juyeop-1 (40 + 60 + 80) / 3,
        // to two decimals as results are given.
        await ContestEndToEndTests.WaitForPhaseAsync(server, round, "published");
        var results = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}/results"))).Content.ReadFromJsonAsync<JsonElement>();
        var awards = results.GetProperty("awards").EnumerateArray().ToDictionary(a => a.GetProperty("districtId").GetString()!, a => a.GetProperty("score").GetDouble());
        Assert.Equal(Math.Round((70 + 80 + 50) / 3.0, 2), awards["gobong"]);
        Assert.Equal(Math.Round((40 + 60 + 80) / 3.0, 2), awards["juyeop-1"]);
    }

    static async Task<HttpStatusCode> ScoreAsync(WelfareServer server, string round, string district, string judgeId, IReadOnlyDictionary<string, string> token, double each) =>
        (await server.Client.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}/scores/{judgeId}", token[judgeId], SmallRound.Score(each, each)))).StatusCode;

    static async Task<JsonElement> ViewAsync(WelfareServer server, string round) =>
        await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}"))).Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The names of the events in the case's history that tell of scores (the engine's EventRaised entries).</summary>
    static async Task<List<string>> ScoreEventsAsync(WelfareServer server, string instanceId)
    {
        var history = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/instances/{instanceId}/history"))).Content.ReadFromJsonAsync<JsonElement>();
        return [.. history.EnumerateArray()
            .Where(e => e.GetProperty("eventType").GetString() == "EventRaised")
            .Select(e => e.GetProperty("name").GetString()!)
            .Where(name => name == "SeatsFilled" || name.StartsWith("ScoreSubmitted:", StringComparison.Ordinal))];
    }

    static async Task<JsonElement> WaitForFinalAsync(WelfareServer server, string instanceId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/instances/{instanceId}"))).Content.ReadFromJsonAsync<JsonElement>();
            if (status.GetProperty("runtimeStatus").GetString() == "Completed") return status;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{instanceId} is still {status.GetProperty("runtimeStatus").GetString()}.");
            await Task.Delay(100);
        }
    }
}
