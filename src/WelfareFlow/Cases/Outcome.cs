using WelfareFlow.Evaluation;

namespace WelfareFlow.Cases;

public enum OutcomeStatus { Created, Updated, Invalid, NotFound, Conflict, TooLarge, UnsupportedType }

/// <summary>
/// What a district's or judge's action came to, independent of how it was asked: the API turns it into a
/// status and JSON, the pages into a redirect or a re-rendered form. <see cref="Reason"/> is a stable code
/// the pages translate; <see cref="Detail"/> is the API's English wording.
/// </summary>
public sealed record Outcome<T>(OutcomeStatus Status, T? Value, IReadOnlyList<ValidationError> Errors, string Reason, string Detail)
{
    public bool Succeeded => Status is OutcomeStatus.Created or OutcomeStatus.Updated;

    public static Outcome<T> Done(bool created, T value) => new(created ? OutcomeStatus.Created : OutcomeStatus.Updated, value, [], "", "");

    public static Outcome<T> Invalid(IReadOnlyList<ValidationError> errors) => new(OutcomeStatus.Invalid, default, errors, "invalid", "The request has invalid fields.");

    public static Outcome<T> Refused(OutcomeStatus status, string reason, string detail) => new(status, default, [], reason, detail);
}

/// <summary>The <see cref="Outcome{T}.Reason"/> codes.</summary>
public static class OutcomeReasons
{
    public const string NoRound = "no-round";
    public const string NoCase = "no-case";
    public const string SubmissionsClosed = "submissions-closed";
    public const string JudgingNotStarted = "judging-not-started";
    public const string CaseFinal = "case-final";
    public const string SeatFilled = "seat-filled";
    public const string Recused = "recused";
    public const string CaseNotOpen = "case-not-open";
    public const string TooManyFiles = "too-many-files";
    public const string FileTooLarge = "file-too-large";
    public const string WrongType = "wrong-type";
    public const string NoFile = "no-file";
    public const string NoAttachment = "no-attachment";
}
