using System.Text;
using WelfareFlow.Client;
using WelfareFlow.Client.Models;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.OpenApi;

/// <summary>
/// The Kiota client generated from the committed document (clients/WelfareFlow.Client) is current, and drives a
/// whole round on the real Server as an integrator's code would: typed requests, typed results, typed problems.
/// </summary>
[Collection("azurite")]
public sealed class GeneratedClientTests(AzuriteFixture azurite)
{
    const string RoundId = "kiota-2024";
    static readonly (string Id, string Name)[] Districts = [("gobong", "고봉동"), ("juyeop-1", "주엽1동"), ("madu-1", "마두1동")];
    static readonly string[] Submitting = ["gobong", "juyeop-1"];
    static readonly string[] Judges = ["judge-1", "judge-2", "judge-3"];
    static readonly (string Id, string Title, int MaxPoints)[] Rubric = [("creativity", "창의성", 20), ("effectiveness", "효과성", 30)];

    [Fact]
    public async Task GeneratedClient_RegeneratedFromTheCommittedDocument_SameCode()
    {
        // Regenerating: the document test writes the document, then the client from it.
        if (RepositoryTools.Regenerate) return;

        // Generate into a scratch copy of the layout, so the lock file's relative document path is the same.
        var scratch = Path.Combine(Path.GetTempPath(), "welfareflow-kiota-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(scratch, RepositoryTools.DocumentPath))!);
            File.Copy(RepositoryTools.Full(RepositoryTools.DocumentPath), Path.Combine(scratch, RepositoryTools.DocumentPath));
            Directory.CreateDirectory(Path.Combine(scratch, ".config"));
            File.Copy(RepositoryTools.Full(RepositoryTools.ToolManifestPath), Path.Combine(scratch, RepositoryTools.ToolManifestPath));
            await RepositoryTools.GenerateClientAsync(scratch);

            var committed = Files(RepositoryTools.Full(RepositoryTools.ClientPath));
            var generated = Files(Path.Combine(scratch, RepositoryTools.ClientPath));
            var differing = committed.Keys.Union(generated.Keys).Order(StringComparer.Ordinal)
                .Where(f => !committed.TryGetValue(f, out var a) || !generated.TryGetValue(f, out var b) || a != b).ToList();
            Assert.True(differing.Count == 0,
                $"{RepositoryTools.ClientPath} is not what Kiota generates from {RepositoryTools.DocumentPath} ({string.Join(", ", differing.Take(10))}); regenerate with: {RepositoryTools.RegenerateCommand}");
            Assert.Contains("WelfareFlowClient.cs", committed.Keys);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        static Dictionary<string, string> Files(string folder) =>
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);
    }

    [Fact]
    public async Task GeneratedClient_WholeRound_CreatesSubmitsScoresPublishesAndReadsProblems()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var operatorAdapter = WelfareFlowConnection.Adapter(server.Client, WelfareFlowConnection.OperatorKey(WelfareServer.OperatorKey));
        var operatorClient = new WelfareFlowClient(operatorAdapter);
        var now = DateTimeOffset.UtcNow;

        // 400 with field errors, 401 with a wrong key: typed problems, not status codes to parse.
        var invalid = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() => operatorClient.Api.Rounds.PostAsync(Definition("Not An Id!", now)));
        Assert.Equal(400, invalid.ResponseStatusCode);
        Assert.Contains("id", invalid.Errors!.AdditionalData.Keys);
        var stranger = WelfareFlowConnection.AsOperator(server.Client, "not-the-operator-key-but-long-enough-1234");
        var unauthorised = await Assert.ThrowsAsync<ProblemDetails>(() => stranger.Api.Rounds.PostAsync(Definition(RoundId, now)));
        Assert.Equal(401, unauthorised.Status);

        var created = await operatorClient.Api.Rounds.PostAsync(Definition(RoundId, now));
        Assert.Equal(RoundId, created!.Id);
        Assert.Equal("submission", created.Phase);
        var duplicate = await Assert.ThrowsAsync<ProblemDetails>(() => operatorClient.Api.Rounds.PostAsync(Definition(RoundId, now.AddMinutes(5))));
        Assert.Equal(409, duplicate.Status);

        // Districts submit with the token of the link in their invitation; an edit answers the next revision.
        var invitations = await server.Mailbox.WaitForAsync("district-invitation", Districts.Length);
        var districtClients = invitations.ToDictionary(m => m.To.Split('@')[0], m => WelfareFlowConnection.WithLinkToken(server.Client, Mailbox.LinkToken(m, "submit")));
        foreach (var district in Submitting)
        {
            var name = Districts.Single(d => d.Id == district).Name;
            var submitted = await districtClients[district].Api.Rounds[RoundId].Cases[district].PutAsync(new CaseSubmission { Title = $"{name} 이웃 돌봄망", Summary = $"{name}의 고독사 예방 사례", Category = "돌봄" });
            Assert.Equal((district, 1), (submitted!.DistrictId, submitted.Revision));
        }

        var edited = await districtClients["gobong"].Api.Rounds[RoundId].Cases["gobong"].PutAsync(new CaseSubmission { Title = "고봉동 이웃 돌봄망 (수정)", Summary = "수정된 요약", Category = "돌봄" });
        Assert.Equal(2, edited!.Revision);
        var forbidden = await Assert.ThrowsAsync<ProblemDetails>(() => districtClients["madu-1"].Api.Rounds[RoundId].Cases["gobong"].PutAsync(new CaseSubmission { Title = "t", Summary = "s", Category = "c" }));
        Assert.Equal(403, forbidden.Status);

        await operatorClient.Api.Rounds[RoundId].CloseSubmissions.PostAsync();
        var closed = await Assert.ThrowsAsync<ProblemDetails>(() => districtClients["madu-1"].Api.Rounds[RoundId].Cases["madu-1"].PutAsync(new CaseSubmission { Title = "늦은 제출", Summary = "s", Category = "c" }));
        Assert.Equal(409, closed.Status);

        // Judges score with the token of their invitation; points out of range are a 400 naming the criterion.
        var judgeMails = await server.Mailbox.WaitForAsync("judge-invitation", Judges.Length);
        var judgeClients = judgeMails.ToDictionary(m => m.To.Split('@')[0], m => WelfareFlowConnection.WithLinkToken(server.Client, Mailbox.LinkToken(m, "judge")));
        var tooMany = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() => judgeClients["judge-1"].Api.Rounds[RoundId].Cases["gobong"].Scores["judge-1"].PutAsync(Score(25, 10)));
        Assert.Contains(tooMany.Errors!.AdditionalData.Keys, k => k.Contains("creativity", StringComparison.Ordinal));
        var points = new Dictionary<(string District, string Judge), (double Creativity, double Effectiveness)>();
        for (var j = 0; j < Judges.Length; j++)
        {
            points[("gobong", Judges[j])] = (18 - j, 27.5 - j);
            points[("juyeop-1", Judges[j])] = (15 + j * 0.5, 20);
        }

        foreach (var ((district, judge), (creativity, effectiveness)) in points)
        {
            var score = await judgeClients[judge].Api.Rounds[RoundId].Cases[district].Scores[judge].PutAsync(Score(creativity, effectiveness));
            Assert.Equal(creativity + effectiveness, score!.Total);
        }

        await WaitForPhaseAsync(operatorClient, "review");
        var notYet = await Assert.ThrowsAsync<ProblemDetails>(() => stranger.Api.Rounds[RoundId].Results.GetAsync());
        Assert.Equal(401, notYet.Status);

        var special = await operatorClient.Api.Rounds[RoundId].SpecialAwards.PostAsync(new SpecialAwardRequest { DistrictId = "juyeop-1", Title = "특별상", Reason = "지역 자원 연계의 모범" });
        Assert.Equal("주엽1동", special!.DistrictName);
        await operatorClient.Api.Rounds[RoundId].Publish.PostAsync();
        await WaitForPhaseAsync(operatorClient, "published");
        var republish = await Assert.ThrowsAsync<ProblemDetails>(() => operatorClient.Api.Rounds[RoundId].Publish.PostAsync());
        Assert.Equal(409, republish.Status);

        // Results as JSON: the mean of each case's totals, computed here from what the judges sent.
        var expected = Submitting.ToDictionary(d => d, d => Judges.Average(j => points[(d, j)].Creativity + points[(d, j)].Effectiveness));
        var results = await operatorClient.Api.Rounds[RoundId].Results.GetAsync();
        Assert.Equal(expected.OrderByDescending(e => e.Value).Select(e => e.Key), results!.Awards!.Select(a => a.DistrictId));
        Assert.All(results.Awards!, a => Assert.Equal(Math.Round(expected[a.DistrictId!], 2), a.Score!.Value, 2));
        Assert.Equal(["best", "excellent"], results.Awards!.Select(a => a.Tier));
        Assert.Equal("juyeop-1", Assert.Single(results.SpecialAwards!).DistrictId);

        // Results as CSV through the same generated request, asking for text/csv.
        var csvRequest = operatorClient.Api.Rounds[RoundId].Results.ToGetRequestInformation();
        csvRequest.Headers.Remove("Accept");
        csvRequest.Headers.Add("Accept", "text/csv");
        await using var csvStream = await operatorAdapter.SendPrimitiveAsync<Stream>(csvRequest);
        using var csvBytes = new MemoryStream();
        await csvStream!.CopyToAsync(csvBytes);
        var csv = csvBytes.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var best = expected.MaxBy(e => e.Value).Key;
        Assert.Contains($"1,{best},{Districts.Single(d => d.Id == best).Name},{expected[best]:0.00},best,최우수", Encoding.UTF8.GetString(csv[3..]), StringComparison.Ordinal);
    }

    static RoundDefinition Definition(string id, DateTimeOffset now) => new()
    {
        Id = id,
        Title = "2024년 복지업무 우수 동 성과보고회 (Kiota)",
        Districts = [.. Districts.Select(d => new Participant { Id = d.Id, Name = d.Name, Email = $"{d.Id}@goyang.example" })],
        Judges = [.. Judges.Select((j, i) => new Participant { Id = j, Name = $"심사위원 {i + 1}", Email = $"{j}@judges.example" })],
        Rubric = [.. Rubric.Select(r => new Criterion { Id = r.Id, Title = r.Title, MaxPoints = r.MaxPoints })],
        Aggregation = "mean",
        Tiers = [new TierDefinition { Id = "best", Label = "최우수", Quota = 1 }, new TierDefinition { Id = "excellent", Label = "우수", Quota = 1 }],
        SubmissionDeadline = now.AddHours(1),
        JudgingDeadline = now.AddHours(2),
        OperatorEmails = ["welfare@goyang.example"],
        RequireApproval = true,
    };

    static ScoreSubmission Score(double creativity, double effectiveness) => new()
    {
        Criteria = new ScoreSubmission_criteria { AdditionalData = new Dictionary<string, object> { ["creativity"] = creativity, ["effectiveness"] = effectiveness } },
        Comment = "지역 자원 연계가 돋보입니다.",
    };

    static async Task WaitForPhaseAsync(WelfareFlowClient client, string phase)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var round = await client.Api.Rounds[RoundId].GetAsync();
            if (round!.Phase == phase) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Round {RoundId} stayed in phase {round.Phase}.");
            await Task.Delay(100);
        }
    }
}
