using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>The rounds page: one line per round.</summary>
public sealed record RoundListModel(OpsFrame Frame, IReadOnlyList<RoundListModel.Row> Rounds, bool RefreshOn)
{
    public bool Running => Rounds.Any(r => r.Phase != RoundPhase.Published);

    public sealed record Row(string Id, string Title, RoundPhase Phase, int Cases, int Final, int Districts, int Judges, DateTimeOffset SubmissionDeadline, DateTimeOffset JudgingDeadline);

    public static async Task<IReadOnlyList<Row>> LoadAsync(RoundStore rounds, CaseStore cases, CancellationToken cancellationToken)
    {
        var list = await rounds.ListRoundsAsync(cancellationToken);
        return await Task.WhenAll(list.Select(async r =>
        {
            var caseRows = cases.ListStatusesAsync(r.PartitionKey, cancellationToken);
            var districts = rounds.GetDistrictsAsync(r.PartitionKey, cancellationToken);
            var judges = rounds.GetJudgesAsync(r.PartitionKey, cancellationToken);
            await Task.WhenAll(caseRows, districts, judges);
            var all = caseRows.Result;
            return new Row(r.PartitionKey, r.Title, r.Phase, all.Count(c => c.Status != CaseStatus.NotSubmitted), all.Count(c => c.Status == CaseStatus.Final),
                districts.Result.Count, judges.Result.Count, r.SubmissionDeadline, r.JudgingDeadline);
        }));
    }
}
