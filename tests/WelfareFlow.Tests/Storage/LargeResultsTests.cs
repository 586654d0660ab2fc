using System.Text.Json;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;

namespace WelfareFlow.Tests.Storage;

/// <summary>Results of a national-size round on real Azurite: the summary (sensitivity table, agreement) is
/// larger than a Table property may hold, and must still be stored and read back whole.</summary>
[Collection("azurite")]
public sealed class LargeResultsTests(AzuriteFixture azurite)
{
    const int Cases = 3_500;

    [Fact]
    public async Task SaveAsync_NationalRound_ReadsBackEveryCaseAndTheWholeSummary()
    {
        var tables = Tables();
        var store = new ResultStore(tables);
        var evaluation = Evaluate(Cases);
        // Intake batches as at the close: the read goes on past its first page in ranges split at them.
        await new RoundStore(tables).SaveIntakeBatchesAsync("national", [.. evaluation.Cases.Select(c => c.CaseId).Order(StringComparer.Ordinal)], 3);
        var summary = new ResultSummary("national", "trimmed-mean", DateTimeOffset.UnixEpoch, evaluation.Cases.Count(c => c.Rank is not null), evaluation.Agreement, evaluation.Sensitivity);
        var summaryJson = JsonSerializer.Serialize(summary, Json.Options);
        Assert.True(summaryJson.Length > 32_768, $"the summary must exceed one property's 32 K characters to test anything; it has {summaryJson.Length}");

        await store.SaveAsync("national", evaluation.Cases.Select(c => (c.CaseId, c)), summary);
        var stored = await store.GetAsync<CaseResult, ResultSummary>("national");

        Assert.NotNull(stored);
        var (readSummary, readCases) = stored.Value;
        Assert.Equal(summaryJson, JsonSerializer.Serialize(readSummary, Json.Options));
        Assert.Equal(Cases, readCases.Count);
        Assert.Equal(
            evaluation.Cases.OrderBy(c => c.CaseId, StringComparer.Ordinal).Select(c => JsonSerializer.Serialize(c, Json.Options)),
            readCases.Select(c => JsonSerializer.Serialize(c, Json.Options)));
    }

    [Fact]
    public async Task AddSpecialAsync_LongerThanOneProperty_ReadsBackWhole()
    {
        var store = new ResultStore(Tables());
        var reason = string.Concat(Enumerable.Repeat("복지 사각지대 발굴 😀 ", 9_000));

        await store.AddSpecialAsync("specials", "0001|gobong", new SpecialAwardView("gobong", "고봉동", "특별상", reason, DateTimeOffset.UnixEpoch));
        var read = Assert.Single(await store.ListSpecialAsync<SpecialAwardView>("specials"));

        Assert.Equal(reason, read.Reason);
    }

    WelfareTables Tables() => TestTables.Create(azurite.ConnectionString);

    static EvaluationResult Evaluate(int cases)
    {
        var random = new Random(2024);
        Criterion[] rubric = [new("creativity", "창의성", 20), new("impact", "효과성", 20), new("feasibility", "실현가능성", 20)];
        var scores = Enumerable.Range(1, cases).Select(c => new CaseScores($"district-{c:0000}", [.. Enumerable.Range(1, 4).Select(j =>
            new JudgeScore($"judge-{j}", rubric.ToDictionary(r => r.Id, _ => (double)random.Next(0, 21), StringComparer.Ordinal)))])).ToList();
        return Evaluator.Evaluate(new EvaluationInput(rubric, AggregationMethod.TrimmedMean,
            [new("best", "최우수", 35), new("excellent", "우수", 105), new("encouragement", "장려", 245)], scores, 3));
    }
}
