using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using WelfareFlow.Contracts;

namespace WelfareFlow.Storage;

// Table rows of the product's own record. Every table is partitioned by round id so a round's rows
// are read together; rows that can race carry an ETag and are written with If-Match.
// Enums are stored in their old columns as wire strings (WireNames), not by C# name as the table SDK would:
// rows written before the enums existed read the same.

/// <summary>Base of every row: the table SDK needs settable key, timestamp and ETag.</summary>
public abstract class RowBase : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>A shallow copy, kept as the 'before' of a change (audit) while the row itself is edited.</summary>
    public RowBase Copy() => (RowBase)MemberwiseClone();
}

public sealed class RoundRow : RowBase
{
    public const string Key = "round";
    public string Title { get; set; } = "";
    [IgnoreDataMember]
    public RoundPhase Phase { get => WireNames.Parse<RoundPhase>(PhaseColumn); set => PhaseColumn = WireNames.ToWire(value); }
    /// <summary>The stored column of <see cref="Phase"/>.</summary>
    [DataMember(Name = nameof(Phase))]
    public string PhaseColumn { get; set; } = WireNames.ToWire(RoundPhase.Submission);
    /// <summary>The definition as created (rubric, tiers, aggregation, deadlines), JSON.</summary>
    public string DefinitionJson { get; set; } = "";
    public DateTimeOffset SubmissionDeadline { get; set; }
    public DateTimeOffset JudgingDeadline { get; set; }
    public bool RequireApproval { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Hash of the creating request: a retried create with the same body resumes instead of conflicting.</summary>
    public string RequestHash { get; set; } = "";
    /// <summary>Set once participants are written and the orchestration is scheduled.</summary>
    public bool Ready { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? AllocatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    RoundSettings? settings;

    /// <summary>The definition's settings (rubric, tiers, aggregation, quorum, reminders); parsed once per row read,
    /// since a round's definition never changes.</summary>
    public RoundSettings Settings() => settings ??=
        JsonSerializer.Deserialize<RoundSettings>(DefinitionJson, Json.Options) ?? throw new InvalidOperationException("Round settings are missing.");
}

/// <summary>A district or a judge of a round; <see cref="LinkVersion"/> revokes older links when bumped.</summary>
public sealed class ParticipantRow : RowBase
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public int LinkVersion { get; set; } = 1;
    /// <summary>False once an operator replaced this judge; rows written before the field existed read as active.</summary>
    public bool Active { get; set; } = true;
    /// <summary>The judge who took this judge's place (set with <see cref="Active"/> false).</summary>
    public string ReplacedBy { get; set; } = "";
    /// <summary>The judge whose place this judge took: a case that judge scored does not need this one.</summary>
    public string Replaces { get; set; } = "";
}

/// <summary>One batch of the cases that went to judging, in the Rounds table beside its round
/// (RowKey <c>batch|0000</c>): what starts its cases (no payload carries the ids) and counts which are final.</summary>
public sealed class IntakeBatchRow : RowBase
{
    public const string Prefix = "batch|";
    /// <summary>District ids separated by ','; a batch holds at most a few dozen ids of at most 63 characters.</summary>
    public string DistrictIds { get; set; } = "";

    /// <summary>The batch's cases that are final, in the same form: bounded by the batch size as well. Only cases
    /// started without a batch size write here; the others count by <see cref="FinalMarker"/> rows.</summary>
    public string FinalDistrictIds { get; set; } = "";

    public List<string> Cases() => [.. DistrictIds.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    public List<string> FinalCases() => [.. FinalDistrictIds.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    public static string KeyOf(int batch) => $"{Prefix}{batch:D4}";
}

/// <summary>Keys of the rows that count a batch's final cases, one per case, in the cases' partition: after every
/// case's key ('~' sorts after the letters, digits and '-' of a district id), so listing the cases skips them.</summary>
public static class FinalMarker
{
    public const string Prefix = "~final|";

    public static string KeyOf(int batch, string districtId) => $"{Prefix}{batch:D4}|{districtId}";

    /// <summary>The keys of one batch's markers: from "…|0007|" up to "…|0007}" ('}' sorts right after '|').</summary>
    public static (string From, string To) RangeOf(int batch) => ($"{Prefix}{batch:D4}|", $"{Prefix}{batch:D4}}}");
}

public sealed class CaseRow : RowBase
{
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Category { get; set; } = "";
    [IgnoreDataMember]
    public CaseStatus Status { get => WireNames.Parse<CaseStatus>(StatusColumn); set => StatusColumn = WireNames.ToWire(value); }
    /// <summary>The stored column of <see cref="Status"/>.</summary>
    [DataMember(Name = nameof(Status))]
    public string StatusColumn { get; set; } = WireNames.ToWire(CaseStatus.Submitted);
    public int Revision { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>One judge's score of one case; RowKey is <c>{districtId}|{judgeId}</c>.</summary>
public sealed class ScoreRow : RowBase
{
    public string DistrictId { get; set; } = "";
    public string JudgeId { get; set; } = "";
    public string CriteriaJson { get; set; } = "{}";
    public string Comment { get; set; } = "";
    public int Revision { get; set; }
    /// <summary>False for the placeholder written when a case is finalised without this judge's score.</summary>
    public bool Scored { get; set; }
    /// <summary>Set when the case is finalised: no revision is accepted after it.</summary>
    public bool Final { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    /// <summary>The judge declared a conflict of interest on this case: their seat needs no score (no score is accepted).</summary>
    public bool Recused { get; set; }
    public string RecusalReason { get; set; } = "";

    public static string KeyOf(string districtId, string judgeId) => $"{districtId}|{judgeId}";

    /// <summary>Points per criterion id.</summary>
    public Dictionary<string, double> Criteria() =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(CriteriaJson, Json.Options) ?? [];
}

public sealed class ResultRow : RowBase
{
    public const string SummaryKey = "~summary";
    public const string SpecialPrefix = "special|";
    /// <summary>This row's part of the document (<see cref="ChunkedJson"/>).</summary>
    public string Json { get; set; } = "";
    /// <summary>On the head row: how many rows hold the document (rows written before chunking read as one).</summary>
    public int Parts { get; set; } = 1;
}

public sealed class OutboxRow : RowBase
{
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Kind { get; set; } = "";
    public bool Sent { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string LastError { get; set; } = "";
    /// <summary>Who is delivering right now, until when: a second sender of the same key waits instead of sending a copy.</summary>
    public string ClaimedBy { get; set; } = "";
    public DateTimeOffset? ClaimedUntil { get; set; }
}

public sealed class AuditRow : RowBase
{
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Before { get; set; } = "";
    public string After { get; set; } = "";
}
