using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using WelfareFlow.Evaluation;
using WelfareFlow.Links;
using WelfareFlow.Mail;
using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

public enum OperatorActionStatus { Accepted, Invalid, NotFound, Conflict }

/// <summary>What an operator action did, or why it was refused (mapped to 202, 400, 404, 409 by the endpoints).</summary>
public sealed record OperatorActionResult(OperatorActionStatus Status, object? Body = null, string? Detail = null, IReadOnlyList<ValidationError>? Errors = null)
{
    public static OperatorActionResult Done(object body) => new(OperatorActionStatus.Accepted, body);
    public static OperatorActionResult NotFound(string detail) => new(OperatorActionStatus.NotFound, Detail: detail);
    public static OperatorActionResult Conflict(string detail) => new(OperatorActionStatus.Conflict, Detail: detail);
    public static OperatorActionResult Invalid(string field, string message) => new(OperatorActionStatus.Invalid, Errors: [new ValidationError(field, message)]);
}

public sealed record ReissuedLink(string RoundId, string Purpose, string Subject, int LinkVersion);

public sealed record DeadlineExtended(string RoundId, DateTimeOffset JudgingDeadline, IReadOnlyList<string> OpenCases);

public sealed record JudgeReplacement(string RoundId, string Replaced, string ReplacedBy, IReadOnlyList<string> OpenCases);

public sealed record CaseProceeding(string RoundId, string DistrictId, IReadOnlyList<string> Scored, IReadOnlyList<string> Missing);

/// <summary>
/// The operator's interventions in a running round: re-issue a person's link, extend the judging deadline,
/// replace a judge, let a late case proceed. Each writes the tables first (conditionally, so a repeat is
/// harmless) and then wakes the orchestrations, which read the tables as the truth.
/// </summary>
public sealed partial class OperatorActions(
    RoundStore rounds, CaseStore cases, WelfareTables tables, WorkflowActivities activities, Outbox outbox, AuditLog audit,
    TimeProvider time, ILogger<OperatorActions> logger)
{
    const string Actor = "operator";

    /// <summary>Bumps the person's link version (every older link then gets 401) and emails the new link.</summary>
    public async Task<OperatorActionResult> ReissueLinkAsync(string roundId, string purpose, string subject, CancellationToken cancellationToken = default)
    {
        var round = await rounds.GetAsync(roundId, cancellationToken);
        if (round is null) return OperatorActionResult.NotFound($"There is no round '{roundId}'.");
        var table = purpose == LinkPurposes.Submit ? tables.Districts : tables.Judges;
        var kind = purpose == LinkPurposes.Submit ? "district" : "judge";
        var replaced = false;
        var (before, after) = await ConditionalWrite.ChangeAsync<ParticipantRow>(table, roundId, subject, current =>
        {
            replaced = current is { Active: false };
            if (current is null || replaced) return null;
            current.LinkVersion++;
            return current;
        }, cancellationToken);
        if (purpose == LinkPurposes.Judge) rounds.ForgetJudge(roundId, subject);
        if (before is null) return OperatorActionResult.NotFound($"There is no {kind} '{subject}' in round '{roundId}'.");
        if (replaced) return OperatorActionResult.Conflict($"Judge '{subject}' was replaced by '{before.ReplacedBy}'; their link stays revoked.");

        var content = EmailTemplates.LinkReissued(round.Title, after!.Name, activities.Link(purpose, round, after));
        await outbox.SendAsync(WorkflowActivities.Mail(round, $"link-reissued|{purpose}|{subject}|v{after.LinkVersion}", "link-reissued", after, content), cancellationToken);
        await audit.AppendAsync(roundId, Actor, "link-reissued", $"{kind}:{subject}", new { linkVersion = before.LinkVersion }, new { linkVersion = after.LinkVersion }, cancellationToken);
        return OperatorActionResult.Done(new ReissuedLink(roundId, purpose, subject, after.LinkVersion));
    }

    /// <summary>Moves the judging deadline later: every open case gets the new deadline (an escalated case waits
    /// again), and the round's judge reminders run until it.</summary>
    public async Task<OperatorActionResult> ExtendDeadlineAsync(string roundId, DateTimeOffset? judgingDeadline, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        if (judgingDeadline is not { } wanted) return OperatorActionResult.Invalid("judgingDeadline", "judgingDeadline is required (ISO 8601 with offset).");
        var round = await rounds.GetAsync(roundId, cancellationToken);
        if (round is null) return OperatorActionResult.NotFound($"There is no round '{roundId}'.");
        if (round.Phase is RoundPhase.Review or RoundPhase.Published) return OperatorActionResult.Conflict($"The round is in phase '{WireNames.ToWire(round.Phase)}': judging is over.");
        if (wanted <= time.GetUtcNow()) return OperatorActionResult.Invalid("judgingDeadline", "judgingDeadline must be in the future.");
        if (wanted <= round.JudgingDeadline) return OperatorActionResult.Invalid("judgingDeadline", $"judgingDeadline must be later than the current one ({round.JudgingDeadline:O}).");

        var previous = round.JudgingDeadline;
        var updated = await rounds.UpdateAsync(roundId, row =>
        {
            if (row.Phase is RoundPhase.Review or RoundPhase.Published || wanted <= row.JudgingDeadline) return false;
            previous = row.JudgingDeadline;
            row.JudgingDeadline = wanted;
            return true;
        }, cancellationToken);
        if (updated.JudgingDeadline != wanted) return OperatorActionResult.Conflict("The round changed meanwhile (judging ended or the deadline moved further); read it again.");

        var open = await OpenCasesAsync(roundId, cancellationToken);
        foreach (var districtId in open)
        {
            await durable.TryWakeAsync(logger, InstanceIds.Case(roundId, districtId), nameof(OperatorDecision), new OperatorDecision(OperatorDecision.Extend, wanted), cancellationToken);
        }

        await durable.TryWakeAsync(logger, roundId, nameof(JudgingDeadlineExtended), new JudgingDeadlineExtended(wanted), cancellationToken);
        await audit.AppendAsync(roundId, Actor, "judging-deadline-extended", roundId, new { judgingDeadline = previous }, new { judgingDeadline = wanted }, cancellationToken);
        return OperatorActionResult.Done(new DeadlineExtended(roundId, wanted, open));
    }

    /// <summary>
    /// Puts a new judge in the place of another: the new judge gets a link (now, if judging has started; else
    /// with everyone's invitation), the old judge's link stops working, and every open case that still waits
    /// for the old judge waits for the new one instead. Scores the old judge gave stay.
    /// </summary>
    public async Task<OperatorActionResult> ReplaceJudgeAsync(string roundId, string judgeId, Participant? replacement, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        if (Validate(replacement, judgeId) is { Count: > 0 } errors) return new OperatorActionResult(OperatorActionStatus.Invalid, Errors: errors);
        var round = await rounds.GetAsync(roundId, cancellationToken);
        if (round is null) return OperatorActionResult.NotFound($"There is no round '{roundId}'.");
        var old = await rounds.GetJudgeAsync(roundId, judgeId, cancellationToken);
        if (old is null) return OperatorActionResult.NotFound($"There is no judge '{judgeId}' in round '{roundId}'.");
        if (round.Phase is RoundPhase.Review or RoundPhase.Published) return OperatorActionResult.Conflict($"The round is in phase '{WireNames.ToWire(round.Phase)}': judging is over.");
        var newId = replacement!.Id;
        if (!old.Active && old.ReplacedBy != newId) return OperatorActionResult.Conflict($"Judge '{judgeId}' was already replaced by '{old.ReplacedBy}'.");

        // The new judge first, so there is never a moment with the old one gone and nobody in the seat.
        var clash = false;
        await ConditionalWrite.ChangeAsync<ParticipantRow>(tables.Judges, roundId, newId, current =>
        {
            clash = current is not null && current.Replaces != judgeId;
            return current is null ? new ParticipantRow { Name = replacement.Name.Trim(), Email = replacement.Email.Trim(), Replaces = judgeId } : null;
        }, cancellationToken);
        if (clash) return OperatorActionResult.Conflict($"A judge with id '{newId}' exists already in this round.");

        var (_, deactivated) = await ConditionalWrite.ChangeAsync<ParticipantRow>(tables.Judges, roundId, judgeId, current =>
        {
            if (current is not { Active: true }) return null;
            current.Active = false;
            current.ReplacedBy = newId;
            current.LinkVersion++;
            return current;
        }, cancellationToken);
        rounds.ForgetJudge(roundId, judgeId);

        var open = new List<string>();
        var phase = (await rounds.GetAsync(roundId, cancellationToken))!.Phase;
        if (phase == RoundPhase.Judging)
        {
            await activities.SendJudgeInvitation(new JudgeRef(roundId, newId));
            open = await OpenCasesAsync(roundId, cancellationToken);
            foreach (var districtId in open)
            {
                await durable.TryWakeAsync(logger, InstanceIds.Case(roundId, districtId), nameof(JudgeReplaced), new JudgeReplaced(judgeId, newId), cancellationToken);
            }
        }

        if (deactivated is not null)
        {
            await audit.AppendAsync(roundId, Actor, "judge-replaced", $"judge:{judgeId}", new { judge = judgeId, old.Name, old.Email },
                new { judge = newId, replacement.Name, replacement.Email }, cancellationToken);
        }

        return OperatorActionResult.Done(new JudgeReplacement(roundId, judgeId, newId, open));
    }

    /// <summary>Lets a case that waits for an operator's decision (deadline passed, quorum missing) finish with the scores present.</summary>
    public async Task<OperatorActionResult> ProceedAsync(string roundId, string districtId, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        if (await rounds.GetAsync(roundId, cancellationToken) is null) return OperatorActionResult.NotFound($"There is no round '{roundId}'.");
        var row = await cases.GetAsync(roundId, districtId, cancellationToken);
        if (row is null || row.Status == CaseStatus.NotSubmitted) return OperatorActionResult.NotFound($"There is no case of '{districtId}' in round '{roundId}'.");
        if (row.Status != CaseStatus.Judging) return OperatorActionResult.Conflict(row.Status == CaseStatus.Final ? "This case is final already." : "Judging of this case has not started.");

        var instance = await durable.GetInstanceAsync(InstanceIds.Case(roundId, districtId), getInputsAndOutputs: true, cancellationToken);
        var progress = instance?.ReadCustomStatusAs<CaseProgress>();
        if (progress?.Phase != CasePhase.Escalated)
        {
            return OperatorActionResult.Conflict("This case is not waiting for a decision: its deadline has not passed, or it has its quorum.");
        }

        await durable.RaiseEventAsync(InstanceIds.Case(roundId, districtId), nameof(OperatorDecision), new OperatorDecision(OperatorDecision.Proceed, null), cancellationToken);
        // The seats from the tables: a late score stored since the escalation does not wake the case (Scoring).
        var seats = await activities.GetCaseSeats(new CaseRef(roundId, districtId));
        await audit.AppendAsync(roundId, Actor, "case-proceeded", districtId, after: new { scored = seats.Scored, missing = seats.Pending }, cancellationToken: cancellationToken);
        return OperatorActionResult.Done(new CaseProceeding(roundId, districtId, seats.Scored, seats.Pending));
    }

    async Task<List<string>> OpenCasesAsync(string roundId, CancellationToken cancellationToken) =>
        [.. (await cases.ListStatusesAsync(roundId, cancellationToken)).Where(c => c.Status == CaseStatus.Judging).Select(c => c.RowKey).Order(StringComparer.Ordinal)];

    static List<ValidationError> Validate(Participant? judge, string replacing)
    {
        var errors = new List<ValidationError>();
        if (judge is null) return [new("body", "Send { id, name, email } of the new judge.")];
        if (string.IsNullOrEmpty(judge.Id) || judge.Id.Length > RoundValidator.MaxIdLength || !IdShape().IsMatch(judge.Id))
            errors.Add(new("id", $"id must be lowercase letters and digits in words joined by single hyphens, at most {RoundValidator.MaxIdLength} characters."));
        else if (judge.Id == replacing)
            errors.Add(new("id", "The new judge needs an id of their own."));
        if (string.IsNullOrWhiteSpace(judge.Name) || judge.Name.Length > 200) errors.Add(new("name", "name is required (at most 200 characters)."));
        if (!Http.Rules.EmailRule.IsValid(judge.Email?.Trim())) errors.Add(new("email", Http.Rules.EmailRule.Message(judge.Email)));
        return errors;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
