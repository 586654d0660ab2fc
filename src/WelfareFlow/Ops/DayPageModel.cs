namespace WelfareFlow.Ops;

/// <summary>The operator's page of a presentation day: the running order with each case's state, the open case with
/// who has scored it and since when, and the case the "open next" button opens.</summary>
public sealed record DayPageModel(
    OpsFrame Frame,
    string RoundId,
    string Title,
    bool Live,
    string? Done,
    string? Error,
    IReadOnlyList<DayPageModel.Line> Lines,
    DayPageModel.OpenCase? Open,
    DayPageModel.Line? Next,
    bool RefreshOn)
{
    public enum State { Waiting, Presenting, Closed, Final }

    public enum Mark { Scored, Pending, Recused }

    public sealed record Line(int Position, string DistrictId, string Name, State State);

    public sealed record Judge(string Id, string Name, Mark Mark);

    public sealed record OpenCase(Line Case, DateTimeOffset? OpenedAt, TimeSpan Elapsed, IReadOnlyList<Judge> Judges);

    /// <summary>Refreshes itself while a case can still be opened or scored.</summary>
    public bool Running => Live && Lines.Any(l => l.State != State.Final);

    public string Href => $"/ops/rounds/{Uri.EscapeDataString(RoundId)}/day";
}
