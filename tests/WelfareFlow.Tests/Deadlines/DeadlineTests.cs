using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Links;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Deadlines;

/// <summary>
/// Deadlines and late people on the real engine, with deadlines seconds away: the submission reminder, judge
/// reminders, escalation, and the operator's decisions (extend, replace a judge, proceed). The assertions wait
/// for outcomes with generous bounds and never on how long something took: the machine is shared.
/// </summary>
[Collection("azurite")]
public sealed partial class DeadlineTests(AzuriteFixture azurite)
{
    static readonly Dictionary<string, string> OnePartition = new() { ["WelfareFlow:Durable:PartitionCount"] = "1" };

    [Fact]
    public async Task Round_LateDistrictAndLateJudge_RemindedEscalatedExtendedProceededAndPublished()
    {
        await using var server = await StartWarmAsync();
        var http = server.Client;
        const string round = "late-2024";
        var now = DateTimeOffset.UtcNow;
        var created = await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds", SmallRound.Definition(
            round, ["gobong", "juyeop-1", "madu-1"], ["judge-1", "judge-2"], now.AddSeconds(8), now.AddSeconds(16),
            reminderEvery: "PT2S", submissionReminderBefore: "PT5S")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // Two districts submit at once (links made here, so this does not wait for the invitations); madu-1 never does.
        var tokens = server.Services.GetRequiredService<LinkTokens>();
        foreach (var district in new[] { "gobong", "juyeop-1" })
        {
            var token = tokens.Issue(new LinkClaims(LinkPurposes.Submit, round, district, now.AddDays(1), 1));
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}", token, SmallRound.Case(district)))).StatusCode);
        }

        // One reminder, to the district that has not submitted; intake then closes by itself at the deadline.
        var judgeMails = await server.Mailbox.WaitForAsync("judge-invitation", 2);
        var reminder = Assert.Single(server.Mailbox.OfKind("submission-reminder"));
        Assert.Equal("madu-1@goyang.example", reminder.To);
        Assert.Contains("아직", reminder.Text, StringComparison.Ordinal);
        Assert.Equal("/submit/", Regex.Match(reminder.Text, "/submit/").Value);

        // judge-1 scores both cases, judge-2 only gobong: juyeop-1 waits for judge-2.
        var judge = judgeMails.ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "judge"));
        await ScoreAsync(server, round, "gobong", "judge-2", judge["judge-2"]);
        await ScoreAsync(server, round, "gobong", "judge-1", judge["judge-1"]);
        await ScoreAsync(server, round, "juyeop-1", "judge-1", judge["judge-1"]);
        var before = ReminderNumbers(server);

        // Proceed is refused while the case is not waiting for a decision.
        var early = await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/cases/juyeop-1/proceed"));
        if (early.StatusCode != HttpStatusCode.Conflict)
        {
            // Only possible if the machine was so slow that the first deadline already passed: then it is escalated.
            Assert.True(server.Mailbox.OfKind("operator-escalation").Count > 0, $"proceed answered {early.StatusCode} before escalation");
        }

        // Extend: the reminders run again until the new deadline, one per judge who still owes, listing only what they owe.
        var extendedTo = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(10).ToUnixTimeSeconds());
        if (early.StatusCode == HttpStatusCode.Conflict)
        {
            var extended = await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/extend-deadline", new { judgingDeadline = extendedTo }));
            Assert.Equal(HttpStatusCode.Accepted, extended.StatusCode);
            var later = await WaitAsync(() => server.Mailbox.OfKind("judge-reminder").Where(m => Number(m) > before).ToList(), found => found.Count > 0, "a judge reminder after the extension");
            Assert.All(later, m => Assert.Equal("judge-2@judges.example", m.To));
            Assert.All(later, m => Assert.Contains("juyeop-1동", m.Text, StringComparison.Ordinal));
            Assert.All(later, m => Assert.DoesNotContain("gobong동", m.Text, StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/extend-deadline", new { judgingDeadline = extendedTo }))).StatusCode);
        }

        // At the (new) deadline without quorum: operators are emailed; the case waits until they decide to proceed.
        var escalation = (await server.Mailbox.WaitForAsync("operator-escalation", 1)).First();
        Assert.Equal("welfare@goyang.example", escalation.To);
        Assert.Contains("juyeop-1", escalation.Text, StringComparison.Ordinal);
        Assert.Contains("judge-2", escalation.Text, StringComparison.Ordinal);
        var proceeded = await WaitAsync(async () => await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/cases/juyeop-1/proceed")),
            r => r.StatusCode == HttpStatusCode.Accepted, "proceed accepted");
        var body = await proceeded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["judge-1"], body.GetProperty("scored").EnumerateArray().Select(e => e.GetString()));

        // The round completes with the scores present: gobong ranked, juyeop-1 not (below quorum), everyone told.
        await WaitForPhaseAsync(server, round, "published");
        var results = await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}/results"))).Content.ReadFromJsonAsync<JsonElement>();
        var awards = results.GetProperty("awards").EnumerateArray().ToDictionary(a => a.GetProperty("districtId").GetString()!);
        Assert.Equal(1, awards["gobong"].GetProperty("rank").GetInt32());
        Assert.Equal(JsonValueKind.Null, awards["juyeop-1"].GetProperty("rank").ValueKind);
        var resultMails = await server.Mailbox.WaitForAsync("district-result", 2);
        Assert.Contains(resultMails, m => m.To == "gobong@goyang.example" && m.Text.Contains("최우수", StringComparison.Ordinal));
        await server.Mailbox.WaitForAsync("judge-thanks", 2);
        Assert.Single(server.Mailbox.OfKind("submission-reminder"));
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(round);
        Assert.Contains(audit, a => a.Action == "case-proceeded" && a.Subject == "juyeop-1");
    }

    [Fact]
    public async Task ReplaceJudge_WhileJudging_NewJudgeInvitedOldLinkRevokedCaseWaitsForNewJudge()
    {
        await using var server = await StartWarmAsync();
        var http = server.Client;
        const string round = "replace-2024";
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds",
            SmallRound.Definition(round, ["gobong", "juyeop-1"], ["judge-1", "judge-2"], now.AddHours(1), now.AddHours(2))))).StatusCode);
        var tokens = server.Services.GetRequiredService<LinkTokens>();
        foreach (var district in new[] { "gobong", "juyeop-1" })
        {
            var token = tokens.Issue(new LinkClaims(LinkPurposes.Submit, round, district, now.AddDays(1), 1));
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}", token, SmallRound.Case(district)))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/close-submissions"))).StatusCode);
        var judge = (await server.Mailbox.WaitForAsync("judge-invitation", 2)).ToDictionary(m => m.To.Split('@')[0], m => Mailbox.LinkToken(m, "judge"));
        await ScoreAsync(server, round, "gobong", "judge-1", judge["judge-1"], 40);
        await ScoreAsync(server, round, "juyeop-1", "judge-1", judge["judge-1"], 30);
        await ScoreAsync(server, round, "gobong", "judge-2", judge["judge-2"], 20);

        // Refusals first: bad body, unknown judge, the id of a judge already in the round.
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/judges/judge-2/replace", new { id = "Judge 3", name = "", email = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/judges/judge-9/replace", new { id = "judge-3", name = "심사위원 3", email = "judge-3@judges.example" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/judges/judge-2/replace", new { id = "judge-1", name = "심사위원 1", email = "judge-1@judges.example" }))).StatusCode);

        var replaced = await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/judges/judge-2/replace", new { id = "judge-3", name = "심사위원 3", email = "judge-3@judges.example" }));
        Assert.Equal(HttpStatusCode.Accepted, replaced.StatusCode);
        // Sent twice (a client retry): the same outcome, no second invitation.
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(server.Operator(HttpMethod.Post, $"/api/rounds/{round}/judges/judge-2/replace", new { id = "judge-3", name = "심사위원 3", email = "judge-3@judges.example" }))).StatusCode);

        // The old link no longer works; the new judge got a link, and it works.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/juyeop-1/scores/judge-2", judge["judge-2"], SmallRound.Score(10, 10)))).StatusCode);
        var invitation = (await server.Mailbox.WaitForAsync("judge-invitation", 3)).Single(m => m.To == "judge-3@judges.example");
        await ScoreAsync(server, round, "juyeop-1", "judge-3", Mailbox.LinkToken(invitation, "judge"), 35);

        // juyeop-1 waited for judge-3 and not judge-2; gobong keeps judge-2's score.
        await WaitForPhaseAsync(server, round, "published");
        var results = await (await http.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{round}/results"))).Content.ReadFromJsonAsync<JsonElement>();
        var awards = results.GetProperty("awards").EnumerateArray().ToDictionary(a => a.GetProperty("districtId").GetString()!);
        Assert.Equal(["judge-1", "judge-2"], awards["gobong"].GetProperty("explanation").GetProperty("judgeTotals").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["judge-1", "judge-3"], awards["juyeop-1"].GetProperty("explanation").GetProperty("judgeTotals").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(65, awards["juyeop-1"].GetProperty("score").GetDouble());
        Assert.Equal(60, awards["gobong"].GetProperty("score").GetDouble());
        Assert.Single(server.Mailbox.OfKind("judge-invitation"), m => m.To == "judge-3@judges.example");
        Assert.Single(await server.Services.GetRequiredService<AuditLog>().ListAsync(round), a => a.Action == "judge-replaced");

        // The new judge's link on a case whose seats are locked: refused as final (the seat check reads the lock), and
        // the case keeps judge-2's score.
        var late = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/gobong/scores/judge-3", Mailbox.LinkToken(invitation, "judge"), SmallRound.Score(10, 10)));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("This case is final", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await server.Services.GetRequiredService<ScoreStore>().ListForCaseAsync(round, "gobong"), r => r.JudgeId == "judge-3");
    }

    /// <summary>A Server whose engine already owns its one partition, so a round's first timers are not missed while leases settle.</summary>
    async Task<WelfareServer> StartWarmAsync()
    {
        var server = await WelfareServer.StartAsync(azurite.ConnectionString, settings: OnePartition);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(server.Operator(HttpMethod.Post, "/api/rounds",
            SmallRound.Definition("warm-up", ["warm"], ["judge-1"], now.AddHours(1), now.AddHours(2))))).StatusCode);
        await server.Mailbox.WaitForAsync("district-invitation", 1);
        return server;
    }

    static async Task ScoreAsync(WelfareServer server, string round, string district, string judgeId, string token, double each = 40)
    {
        var put = await server.Client.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/{round}/cases/{district}/scores/{judgeId}", token, SmallRound.Score(each, each)));
        Assert.True(put.StatusCode == HttpStatusCode.Created, $"{district}/{judgeId}: {put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }

    static int ReminderNumbers(WelfareServer server) => server.Mailbox.OfKind("judge-reminder").Select(Number).DefaultIfEmpty(0).Max();

    /// <summary>The reminder's number, from the pickup file name (outbox key <c>judge-reminder|{judge}|{n}</c>).</summary>
    static int Number(Mailbox.Message message) => int.Parse(ReminderKey().Match(message.File).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"_(\d+)\.eml$")]
    private static partial Regex ReminderKey();

    static Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> done, string what) => WaitAsync(() => Task.FromResult(read()), done, what);

    static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited 90 s for {what}.");
            await Task.Delay(250);
        }
    }

    static async Task WaitForPhaseAsync(WelfareServer server, string roundId, string phase) =>
        await WaitAsync(async () => (await (await server.Client.SendAsync(server.Operator(HttpMethod.Get, $"/api/rounds/{roundId}"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString(),
            p => p == phase, $"round {roundId} in phase {phase}");
}
