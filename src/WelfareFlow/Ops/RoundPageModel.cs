using Microsoft.DurableTask.Client;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>Everything the round page shows, read from the same stores the API reads.</summary>
public sealed record RoundPageModel(
    OpsFrame Frame,
    RoundRow Round,
    string? DoneAction,
    bool Running,
    RoundPageQuery Query,
    IReadOnlyList<RoundPageModel.Step> Timeline,
    ScoresOverTime Chart,
    IReadOnlyList<RoundPageModel.Column> Judges,
    IReadOnlyList<RoundPageModel.Column> Columns,
    IReadOnlyList<RoundPageModel.CaseLine> Cases,
    Paging Paging,
    IReadOnlyList<RoundPageModel.InstanceLine> Instances,
    string? InstanceError,
    IReadOnlyList<string> Actions,
    IReadOnlyList<AuditEntry> Audit,
    Paging AuditPaging)
{
    public const int AuditPageSize = 50;

    public sealed record Step(string Label, DateTimeOffset? At, bool Current, bool Done);

    public sealed record Column(string Id, string Name);

    /// <summary>One case's line of the matrix: its status, whether it is past its deadline still judging (shown as
    /// <see cref="Workflow.CasePhase.Escalated"/>), and a cell per shown judge.</summary>
    public sealed record CaseLine(string DistrictId, string Name, Storage.CaseStatus Status, bool Escalated, IReadOnlyList<Cell> Cells);

    public enum CellKind { Scored, Pending, NotScored }

    public sealed record Cell(CellKind Kind, double? Total = null, DateTimeOffset? At = null, TimeSpan? Late = null, TimeSpan? Overdue = null);

    /// <summary>A durable instance with its custom status already put in words.</summary>
    public sealed record InstanceLine(string InstanceId, string Name, OrchestrationRuntimeStatus Status, string Progress, DateTimeOffset Created, DateTimeOffset LastUpdated, string? Failure);

    public string RoundId => Round.PartitionKey;

    /// <summary>A presentation-day round (DESIGN §5.1): the round page links its day page.</summary>
    public bool Live => Round.Settings().Judging == WelfareFlow.Live.JudgingMode.Live;

    /// <summary>The round's aggregation method as the definition names it (<see cref="OpsText.Method"/> puts it in words).</summary>
    public string Method { get; } = Round.Settings().Aggregation;
}
