using WelfareFlow.Storage;

namespace WelfareFlow.Live;

/// <summary>The presentation day of a live round, in the Rounds table beside its round (RowKey <c>live</c>):
/// which case presents now. Opening a case is a conditional write on this row, so two cases are never open.</summary>
public sealed class LiveStateRow : RowBase
{
    public const string Key = "live";
    /// <summary>The district whose case was opened last; it is open while that case is not final and not closed.</summary>
    public string Current { get; set; } = "";
    public DateTimeOffset? OpenedAt { get; set; }
    /// <summary>Set once any case was opened: the running order is fixed from then on.</summary>
    public bool Started { get; set; }
}

/// <summary>One case's place in the running order (RowKey <c>live|{districtId}</c>), and whether an operator
/// closed its scoring. One row per case, so nothing grows with the round in a single property.</summary>
public sealed class LiveCaseRow : RowBase
{
    public const string Prefix = "live|";
    public int Order { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public static string KeyOf(string districtId) => Prefix + districtId;
}
