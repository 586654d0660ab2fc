using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Links;
using WelfareFlow.Live;
using WelfareFlow.Mail;
using WelfareFlow.Storage;
using WelfareFlow.Telemetry;

namespace WelfareFlow.Workflow;

/// <summary>
/// The activities of both orchestrations. Each runs at least once, so each is idempotent: state changes
/// are conditional writes that see their own earlier effect, and mail goes through the outbox by key.
/// </summary>
public sealed class WorkflowActivities(
    RoundStore rounds, CaseStore cases, ScoreStore scores, ResultStore results, LiveStore live, Outbox outbox,
    LinkTokens tokens, AuditLog audit, FinalSteps finalSteps, IOptions<WelfareFlowOptions> options, TimeProvider time)
{
    public const string System = "system";

    public async Task<bool> SendDistrictInvitations(RoundRef input)
    {
        var round = await RequireRoundAsync(input.RoundId);
        var districts = await rounds.GetDistrictsAsync(input.RoundId);
        // Finalists of a screening are told they were selected; their case is there already to revise.
        var finalists = round.Settings().FinalistsOf is not null;
        var kind = finalists ? "finalist-invitation" : "district-invitation";
        await outbox.SendAllAsync(districts.Select(d =>
        {
            var link = Link(LinkPurposes.Submit, round, d);
            var content = finalists
                ? EmailTemplates.FinalistInvitation(round.Title, d.Name, link, round.SubmissionDeadline)
                : EmailTemplates.DistrictInvitation(round.Title, d.Name, link, round.SubmissionDeadline);
            return Mail(round, $"{kind}|{d.RowKey}|v{d.LinkVersion}", kind, d, content);
        }));
        return true;
    }

    public async Task<RoundSchedule> GetRoundSchedule(RoundRef input)
    {
        var round = await RequireRoundAsync(input.RoundId);
        return new RoundSchedule(round.SubmissionDeadline, round.JudgingDeadline, round.Settings().SubmissionReminderBefore ?? DefaultSubmissionReminderBefore);
    }

    /// <summary>One reminder to each district that has not submitted yet; nothing once intake is closed.</summary>
    public async Task<bool> SendSubmissionReminders(RoundRef input)
    {
        var round = await RequireRoundAsync(input.RoundId);
        if (round.Phase != RoundPhase.Submission)
        {
            return false;
        }

        var submitted = (await cases.ListStatusesAsync(input.RoundId)).Where(c => c.Status != CaseStatus.NotSubmitted).Select(c => c.RowKey).ToHashSet(StringComparer.Ordinal);
        var late = (await rounds.GetDistrictsAsync(input.RoundId)).Where(d => !submitted.Contains(d.RowKey)).ToList();
        await outbox.SendAllAsync(late.Select(d =>
        {
            var content = EmailTemplates.SubmissionReminder(round.Title, d.Name, Link(LinkPurposes.Submit, round, d), round.SubmissionDeadline);
            return Mail(round, $"submission-reminder|{d.RowKey}", "submission-reminder", d, content);
        }));
        return true;
    }

    /// <summary>Ends intake: the round moves to judging and every district's case row is locked. Also called
    /// by the close-submissions endpoint so that its 202 means "closed".</summary>
    public async Task<Intake> CloseIntake(RoundRef input)
    {
        var round = await rounds.UpdateAsync(input.RoundId, row =>
        {
            if (row.Phase != RoundPhase.Submission) return false;
            row.Phase = RoundPhase.Judging;
            row.ClosedAt = time.GetUtcNow();
            return true;
        });
        var districts = await rounds.GetDistrictsAsync(input.RoundId);
        var judged = await cases.CloseAsync(input.RoundId, districts.Select(d => d.RowKey));
        var judges = ActiveJudgeIds(await rounds.GetJudgesAsync(input.RoundId));
        var batches = await rounds.SaveIntakeBatchesAsync(input.RoundId, judged, RoundOrchestrator.CasesPerBatch);
        var settings = round.Settings();
        return new Intake(judged.Count, batches, judges, settings.Quorum ?? judges.Count, round.JudgingDeadline);
    }

    /// <summary>Starts the case orchestrations of one batch as top-level instances, so a case reports to nobody
    /// turn by turn (see <see cref="FinalizeCase"/>). Idempotent: a case started by an earlier attempt is left as it is.</summary>
    public async Task<int> StartCases(CaseBatch input, DurableTaskClient durable)
    {
        var districtIds = await rounds.GetIntakeBatchAsync(input.RoundId, input.Batch);
        await Parallel.ForEachAsync(districtIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (districtId, ct) =>
        {
            var instanceId = InstanceIds.Case(input.RoundId, districtId);
            if (await durable.GetInstanceAsync(instanceId, ct) is not null) return;
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(CaseOrchestrator),
                new CaseInput(input.RoundId, districtId, input.JudgeIds, input.JudgingDeadline, input.Quorum, input.Batch, districtIds.Count), new StartOrchestrationOptions(instanceId), ct);
        });
        return districtIds.Count;
    }

    /// <summary>Once every case of the round has run its first turn, raises to the cases again what reached the tables
    /// before they existed (an event raised to a case that was not there went nowhere): stored scores and recusals, a
    /// changed panel, a later deadline, a live case already closed. A repeated event changes nothing.</summary>
    public async Task<bool> ReadyCases(StartedCases input, DurableTaskClient durable)
    {
        await WaitUntilStartedAsync(durable, InstanceIds.Case(input.RoundId, ""));
        var events = new List<(string DistrictId, string Name, object Payload)>();
        foreach (var seat in await scores.ListSeatsAsync(input.RoundId))
        {
            if (seat.Scored) events.Add((seat.DistrictId, WorkflowEvents.Score(seat.JudgeId), new ScoreSubmitted(seat.JudgeId, seat.Revision)));
            else if (seat.Recused) events.Add((seat.DistrictId, nameof(JudgeRecused), new JudgeRecused(seat.JudgeId)));
        }

        var round = await RequireRoundAsync(input.RoundId);
        var panel = ActiveJudgeIds(await rounds.GetJudgesAsync(input.RoundId));
        var panelChanged = !panel.SequenceEqual(input.JudgeIds);
        var extended = round.JudgingDeadline > input.JudgingDeadline;
        // The round's case statuses are read only when a change has to reach every open case (rarely).
        var judged = panelChanged || extended
            ? (await cases.ListStatusesAsync(input.RoundId)).Where(c => c.Status == CaseStatus.Judging).Select(c => c.RowKey).ToList()
            : [];
        if (panelChanged)
        {
            var replaced = new JudgeReplaced(input.JudgeIds.Except(panel).FirstOrDefault() ?? "", panel.Except(input.JudgeIds).FirstOrDefault() ?? "");
            events.AddRange(judged.Select(d => (d, nameof(JudgeReplaced), (object)replaced)));
        }

        if (extended)
            events.AddRange(judged.Select(d => (d, nameof(OperatorDecision), (object)new OperatorDecision(OperatorDecision.Extend, round.JudgingDeadline))));
        if (round.Settings().Judging == JudgingMode.Live)
            events.AddRange((await live.ListCasesAsync(input.RoundId)).Where(c => c.Value.ClosedAt is not null).Select(c => (c.Key, nameof(CaseClosed), (object)new CaseClosed(System))));

        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (e, ct) =>
            await durable.RaiseEventAsync(InstanceIds.Case(input.RoundId, e.DistrictId), e.Name, e.Payload, ct));
        return true;
    }

    /// <summary>The backend sets aside a start message it took before the instance's row was written, and until it
    /// comes back, an event raised to that instance is discarded ("No such instance"). So the cases are ready only
    /// once none is pending: one query of the round's pending instances, 0.1 s apart at first, then at most 1 s.</summary>
    static async Task WaitUntilStartedAsync(DurableTaskClient durable, string instanceIdPrefix)
    {
        var query = new OrchestrationQuery { InstanceIdPrefix = instanceIdPrefix, Statuses = [OrchestrationRuntimeStatus.Pending], PageSize = 1, FetchInputsAndOutputs = false };
        var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        for (var pause = TimeSpan.FromMilliseconds(100); await durable.GetAllInstancesAsync(query).AsPages(pageSizeHint: 1).FirstAsync() is { Values.Count: > 0 };)
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("Case orchestrations still pending after 10 minutes; the round retries.");
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.TicksPerSecond));
        }
    }

    static List<string> ActiveJudgeIds(IEnumerable<ParticipantRow> judges) =>
        [.. judges.Where(j => j.Active).Select(j => j.RowKey).Order(StringComparer.Ordinal)];

    public async Task<bool> SendJudgeInvitations(RoundRef input)
    {
        var round = await RequireRoundAsync(input.RoundId);
        var judges = (await rounds.GetJudgesAsync(input.RoundId)).Where(j => j.Active).ToList();
        var caseCount = (await cases.ListStatusesAsync(input.RoundId)).Count(c => c.Status != CaseStatus.NotSubmitted);
        await outbox.SendAllAsync(judges.Select(j => JudgeInvitation(round, j, caseCount)));
        return true;
    }

    /// <summary>The invitation of one judge (a replacement joining a round already in judging).</summary>
    public async Task<bool> SendJudgeInvitation(JudgeRef input)
    {
        var round = await RequireRoundAsync(input.RoundId);
        var judge = await rounds.GetJudgeAsync(input.RoundId, input.JudgeId);
        if (judge is not { Active: true })
        {
            return false;
        }

        var caseCount = (await cases.ListStatusesAsync(input.RoundId)).Count(c => c.Status != CaseStatus.NotSubmitted);
        await outbox.SendAsync(JudgeInvitation(round, judge, caseCount));
        return true;
    }

    OutgoingMail JudgeInvitation(RoundRow round, ParticipantRow judge, int caseCount)
    {
        var content = EmailTemplates.JudgeInvitation(round.Title, judge.Name, Link(LinkPurposes.Judge, round, judge), caseCount, round.JudgingDeadline);
        return Mail(round, $"judge-invitation|{judge.RowKey}|v{judge.LinkVersion}", "judge-invitation", judge, content);
    }

    /// <summary>One reminder per judge listing only the cases they still owe; none for a judge who is done.</summary>
    public async Task<bool> SendJudgeReminders(ReminderRequest input)
    {
        var round = await RequireRoundAsync(input.RoundId);
        var judges = await rounds.GetJudgesAsync(input.RoundId);
        var open = (await cases.ListStatusesAsync(input.RoundId)).Where(c => c.Status == CaseStatus.Judging).OrderBy(c => c.RowKey, StringComparer.Ordinal).ToList();
        var scoredBy = (await scores.ListSeatsAsync(input.RoundId)).Where(s => s.Scored || s.Recused).ToLookup(s => s.DistrictId, s => s.JudgeId, StringComparer.Ordinal);
        var districts = (await rounds.GetDistrictsAsync(input.RoundId)).ToDictionary(d => d.RowKey, d => d.Name, StringComparer.Ordinal);
        var owed = open.SelectMany(c => JudgeSeats.Pending(judges, scoredBy[c.RowKey].ToHashSet(StringComparer.Ordinal)).Select(j => (Judge: j.RowKey, Case: c)))
            .ToLookup(x => x.Judge, x => x.Case, StringComparer.Ordinal);
        var mails = new List<OutgoingMail>();
        foreach (var judge in judges.Where(j => j.Active))
        {
            var pending = owed[judge.RowKey].Select(c => $"{districts.GetValueOrDefault(c.RowKey, c.RowKey)} — {c.Title}").ToList();
            if (pending.Count == 0) continue;
            var link = Link(LinkPurposes.Judge, round, judge);
            var content = EmailTemplates.JudgeReminder(round.Title, judge.Name, link, pending, round.JudgingDeadline);
            mails.Add(Mail(round, $"judge-reminder|{judge.RowKey}|{input.Number}", "judge-reminder", judge, content));
        }

        await outbox.SendAllAsync(mails);
        WelfareTelemetry.RemindersSent.Add(mails.Count);
        return true;
    }

    /// <summary>Who scored the case and which active judges it still waits for: a judge who replaced one that
    /// scored it already is not owed (the earlier score stays).</summary>
    public async Task<CaseSeats> GetCaseSeats(CaseRef input)
    {
        var judgesRead = rounds.GetJudgesAsync(input.RoundId);
        var rows = await scores.ListSeatsForCaseAsync(input.RoundId, input.DistrictId);
        return JudgeSeats.Of(await judgesRead, rows);
    }

    /// <summary>Tells every open case that the judging deadline passed. Idempotent: a case that hears it twice checks
    /// its quorum again and escalates at most once per deadline.</summary>
    public async Task<int> PassDeadline(RoundDeadline input, DurableTaskClient durable)
    {
        var open = (await cases.ListStatusesAsync(input.RoundId)).Where(c => c.Status == CaseStatus.Judging).Select(c => c.RowKey).ToList();
        await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (districtId, ct) =>
            await durable.RaiseEventAsync(InstanceIds.Case(input.RoundId, districtId), nameof(DeadlinePassed), new DeadlinePassed(input.Deadline), ct));
        return open.Count;
    }

    public async Task<bool> EscalateLateCase(CaseRef input)
    {
        var round = await RequireRoundAsync(input.RoundId);
        var settings = round.Settings();
        var district = await rounds.GetDistrictAsync(input.RoundId, input.DistrictId);
        var judges = (await rounds.GetJudgesAsync(input.RoundId)).ToDictionary(j => j.RowKey, StringComparer.Ordinal);
        var seats = await GetCaseSeats(input);
        var late = seats.Pending.Select(j => $"{judges[j].Name} ({j})").ToList();
        var content = EmailTemplates.OperatorEscalation(round.Title, district?.Name ?? input.DistrictId, input.DistrictId, late, seats.Scored.Count,
            settings.Quorum ?? judges.Values.Count(j => j.Active), round.JudgingDeadline, $"{BaseUrl}/api/rounds/{round.PartitionKey}");
        var scored = seats.Scored;
        // Keyed by the deadline that passed: an extension that passes again escalates again, a retry does not.
        var key = $"escalation|{input.DistrictId}|{round.JudgingDeadline.UtcTicks}|{scored.Count}";
        await outbox.SendAllAsync(settings.OperatorEmails.Select((email, i) =>
            new OutgoingMail(round.PartitionKey, $"{key}|{i}", "operator-escalation", email, email, content.Subject, content.Text, content.Html)));
        await audit.AppendAsync(input.RoundId, System, "case-escalated", input.DistrictId, after: new { late });
        return true;
    }

    /// <summary>Locks the case's scores, marks it final and counts it in its batch, together with the cases finishing
    /// at the same time (<see cref="FinalSteps"/>). The panel comes from the tables (cached a few seconds,
    /// <see cref="RoundStore.GetPanelAsync"/>), not from the orchestration's input, so a replacement gets a locked seat
    /// too. A case is marked final together with a marker row of its batch, and its batch is done when the markers
    /// number the batch's cases; whichever case sees that tells the round (two may, the round counts a batch once).
    /// Cases started without a batch size (before markers) count in the batch row.</summary>
    public Task<CaseFinal> FinalizeCase(CaseInBatch input) => finalSteps.RunAsync(input);

    public async Task<bool> AllocateResults(RoundRef input)
    {
        using var span = WelfareTelemetry.Source.StartActivity(nameof(AllocateResults));
        span?.SetTag("welfareflow.round", input.RoundId);
        var round = await RequireRoundAsync(input.RoundId);
        var settings = round.Settings();
        var judges = (await rounds.GetJudgesAsync(input.RoundId)).Where(j => j.Active).ToList();
        var judgedCases = (await cases.ListStatusesAsync(input.RoundId)).Where(c => c.Status != CaseStatus.NotSubmitted).ToList();
        var allRows = await scores.ListAsync(input.RoundId);
        var scoreRows = allRows.Where(s => s.Scored).ToLookup(s => s.DistrictId, StringComparer.Ordinal);
        var recusals = allRows.Where(s => s.Recused && !s.Scored).ToLookup(s => s.DistrictId, s => s.JudgeId, StringComparer.Ordinal);
        AggregationMethodNames.TryParse(settings.Aggregation, out var method);
        var quorum = settings.Quorum ?? judges.Count;

        var evaluation = Evaluator.Evaluate(new EvaluationInput(
            settings.Rubric,
            method,
            settings.Tiers,
            [.. judgedCases.Select(c => new CaseScores(c.RowKey, [.. scoreRows[c.RowKey].Select(s => new JudgeScore(s.JudgeId, s.Criteria()))])
            {
                // A recusal takes its seat out of the quorum (DESIGN §5.1): the case needs the remaining seats only.
                Recused = [.. recusals[c.RowKey].Order(StringComparer.Ordinal)],
                Quorum = recusals[c.RowKey].Any() ? Math.Max(1, Math.Min(quorum, judges.Count - recusals[c.RowKey].Count())) : null,
            })],
            quorum));

        var now = time.GetUtcNow();
        // A retried activity records twice; the histogram is for orders of magnitude, not exact counts.
        if (scoreRows.SelectMany(g => g).Max(s => s.ScoredAt) is { } lastScore) WelfareTelemetry.LastScoreToResults.Record((now - lastScore).TotalSeconds);
        await results.SaveAsync(
            input.RoundId,
            evaluation.Cases.Select(c => (c.CaseId, c)),
            new ResultSummary(input.RoundId, settings.Aggregation, now, evaluation.Cases.Count(c => c.Rank is not null), evaluation.Agreement, evaluation.Sensitivity));
        await rounds.UpdateAsync(input.RoundId, row =>
        {
            if (row.Phase != RoundPhase.Judging) return false;
            row.Phase = RoundPhase.Review;
            row.AllocatedAt = now;
            return true;
        });
        await audit.AppendAsync(input.RoundId, System, "results-allocated", input.RoundId, after: new { aggregation = settings.Aggregation, cases = evaluation.Cases.Count });
        return true;
    }

    public async Task<bool> PublishResults(RoundRef input)
    {
        var round = await rounds.UpdateAsync(input.RoundId, row =>
        {
            if (row.Phase == RoundPhase.Published) return false;
            row.Phase = RoundPhase.Published;
            row.PublishedAt = time.GetUtcNow();
            return true;
        });
        var stored = await results.GetAsync<CaseResult, ResultSummary>(input.RoundId) ?? throw new InvalidOperationException("Results are not allocated.");
        var districts = (await rounds.GetDistrictsAsync(input.RoundId)).ToDictionary(d => d.RowKey, StringComparer.Ordinal);
        var ranked = stored.Cases.Count(c => c.Rank is not null);
        var mails = stored.Cases.Where(c => districts.ContainsKey(c.CaseId)).Select(c =>
        {
            var district = districts[c.CaseId];
            var content = EmailTemplates.DistrictResult(round.Title, district.Name, c.Rank, ranked, c.TierLabel, c.Score, c.Explanation);
            return Mail(round, $"district-result|{c.CaseId}", "district-result", district, content);
        }).ToList();

        var table = stored.Cases.Where(c => c.Rank is not null).OrderBy(c => c.Rank).ThenBy(c => c.CaseId, StringComparer.Ordinal)
            .Select(c => new EmailTemplates.FinalTableRow(c.Rank!.Value, districts.GetValueOrDefault(c.CaseId)?.Name ?? c.CaseId, c.TierLabel, c.Score ?? 0))
            .ToList();
        // Everyone who judged: the active judges and any replaced judge whose scores stayed in.
        var scoredAny = (await scores.ListSeatsAsync(input.RoundId)).Where(s => s.Scored).Select(s => s.JudgeId).ToHashSet(StringComparer.Ordinal);
        foreach (var judge in (await rounds.GetJudgesAsync(input.RoundId)).Where(j => j.Active || scoredAny.Contains(j.RowKey)))
        {
            mails.Add(Mail(round, $"judge-thanks|{judge.RowKey}", "judge-thanks", judge, EmailTemplates.JudgeThanks(round.Title, judge.Name, table)));
        }

        await outbox.SendAllAsync(mails);
        await audit.AppendAsync(input.RoundId, System, "results-published", input.RoundId);
        return true;
    }

    public static readonly TimeSpan DefaultSubmissionReminderBefore = TimeSpan.FromHours(24);

    string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The participant's current link; valid until a grace period after judging ends.</summary>
    public string Link(string purpose, RoundRow round, ParticipantRow participant)
    {
        var expires = round.JudgingDeadline + options.Value.LinkGracePeriod;
        var token = tokens.Issue(new LinkClaims(purpose, round.PartitionKey, participant.RowKey, expires, participant.LinkVersion));
        return $"{BaseUrl}/{purpose}/{token}";
    }

    public static OutgoingMail Mail(RoundRow round, string key, string kind, ParticipantRow to, EmailTemplates.Content content) =>
        new(round.PartitionKey, key, kind, to.Name, to.Email, content.Subject, content.Text, content.Html);

    async Task<RoundRow> RequireRoundAsync(string roundId) =>
        await rounds.GetAsync(roundId) ?? throw new InvalidOperationException($"Round '{roundId}' does not exist.");
}
