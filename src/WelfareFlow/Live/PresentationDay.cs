using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Live;

public sealed record RunningOrder(string RoundId, IReadOnlyList<string> Order);

public sealed record CaseOpened(string RoundId, string DistrictId, DateTimeOffset OpenedAt);

public sealed record CaseClosing(string RoundId, string DistrictId, IReadOnlyList<string> Scored, IReadOnlyList<string> Pending);

/// <summary>What the round view shows of a live round: the open case and each case's place in the order.</summary>
public sealed record LiveSnapshot(string? Current, IReadOnlyDictionary<string, int> Order);

/// <summary>
/// The operator's side of a presentation day (DESIGN §5.1): the running order, opening a case (one at a time)
/// and closing its scoring. The tables hold the day; the case orchestration is woken by <see cref="CaseClosed"/>
/// and reads whether it is closed from the table when it starts, so a close before it exists is not lost.
/// </summary>
public sealed class PresentationDay(RoundStore rounds, CaseStore cases, LiveStore live, ScoreStore scores, AuditLog audit, TimeProvider time, ILogger<PresentationDay> logger)
{
    const string Actor = "operator";

    public async Task<OperatorActionResult> SetOrderAsync(string roundId, IReadOnlyList<string>? order, CancellationToken cancellationToken)
    {
        var (round, refusal) = await RequireLiveAsync(roundId, cancellationToken);
        if (refusal is not null) return refusal;
        var submitted = (await cases.ListStatusesAsync(roundId, cancellationToken)).Where(c => c.Status != CaseStatus.NotSubmitted).Select(c => c.RowKey).ToHashSet(StringComparer.Ordinal);
        if (order is null || order.Count != submitted.Count || order.Distinct(StringComparer.Ordinal).Count() != order.Count || !order.All(submitted.Contains))
            return OperatorActionResult.Invalid("order", $"order must list each of the {submitted.Count} submitted cases exactly once: {string.Join(", ", submitted.Order(StringComparer.Ordinal))}.");
        if (round!.Phase != RoundPhase.Judging) return OperatorActionResult.Conflict($"The round is in phase '{WireNames.ToWire(round.Phase)}'; the running order is set once judging has started and before the first case opens.");
        if ((await live.GetStateAsync(roundId, cancellationToken)).Started) return OperatorActionResult.Conflict("A case was opened already; the running order is fixed.");

        var before = await OrderAsync(roundId, submitted, cancellationToken);
        await live.SaveOrderAsync(roundId, order, cancellationToken);
        await audit.AppendAsync(roundId, Actor, "running-order-set", roundId, new { order = before }, new { order }, cancellationToken);
        return OperatorActionResult.Done(new RunningOrder(roundId, order));
    }

    public async Task<OperatorActionResult> OpenAsync(string roundId, string districtId, CancellationToken cancellationToken)
    {
        var (round, refusal) = await RequireLiveAsync(roundId, cancellationToken);
        if (refusal is not null) return refusal;
        var (row, caseRefusal) = await RequireCaseAsync(roundId, districtId, cancellationToken);
        if (caseRefusal is not null) return caseRefusal;
        if (round!.Phase != RoundPhase.Judging || row!.Status != CaseStatus.Judging) return OperatorActionResult.Conflict("Judging has not started; close submissions first.");

        var state = await live.GetStateAsync(roundId, cancellationToken);
        if (state.Current.Length > 0 && state.Current != districtId && await IsOpenAsync(roundId, state.Current, cancellationToken))
            return OperatorActionResult.Conflict($"The case of '{state.Current}' is open; close it (or let its judges finish) first.");

        var now = time.GetUtcNow();
        var conflict = false;
        await live.ChangeStateAsync(roundId, current =>
        {
            // Decided again on the fresh row: another open may have won the race since the check above.
            conflict = current is not null && current.Current.Length > 0 && current.Current != districtId && current.Current != state.Current;
            if (conflict) return null;
            var next = current ?? new LiveStateRow();
            next.Current = districtId;
            next.OpenedAt = now;
            next.Started = true;
            return next;
        }, cancellationToken);
        if (conflict) return OperatorActionResult.Conflict("Another case was opened meanwhile; read the round again.");
        await live.SetClosedAsync(roundId, districtId, null, cancellationToken);
        await audit.AppendAsync(roundId, Actor, "case-opened", districtId, cancellationToken: cancellationToken);
        return OperatorActionResult.Done(new CaseOpened(roundId, districtId, now));
    }

    public async Task<OperatorActionResult> CloseAsync(string roundId, string districtId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (_, refusal) = await RequireLiveAsync(roundId, cancellationToken);
        if (refusal is not null) return refusal;
        var (row, caseRefusal) = await RequireCaseAsync(roundId, districtId, cancellationToken);
        if (caseRefusal is not null) return caseRefusal;
        if (row!.Status != CaseStatus.Judging) return OperatorActionResult.Conflict("Judging has not started; close submissions first.");

        await live.SetClosedAsync(roundId, districtId, time.GetUtcNow(), cancellationToken);
        await durable.TryWakeAsync(logger, InstanceIds.Case(roundId, districtId), nameof(CaseClosed), new CaseClosed(Actor), cancellationToken);

        var rows = await scores.ListForCaseAsync(roundId, districtId, cancellationToken);
        var scored = rows.Where(s => s.Scored).Select(s => s.JudgeId).Order(StringComparer.Ordinal).ToList();
        var judges = await rounds.GetJudgesAsync(roundId, cancellationToken);
        var closedSeats = rows.Where(s => s.Scored || s.Recused).Select(s => s.JudgeId).ToHashSet(StringComparer.Ordinal);
        var pending = JudgeSeats.Pending(judges, closedSeats).Select(j => j.RowKey).Order(StringComparer.Ordinal).ToList();
        await audit.AppendAsync(roundId, Actor, "case-closed", districtId, after: new { scored, pending }, cancellationToken: cancellationToken);
        return OperatorActionResult.Done(new CaseClosing(roundId, districtId, scored, pending));
    }

    /// <summary>The open case and the running order, for the round view; null for a remote round.</summary>
    public async Task<LiveSnapshot> SnapshotAsync(string roundId, IReadOnlyCollection<CaseRow> submitted, CancellationToken cancellationToken)
    {
        var order = await OrderAsync(roundId, submitted.Select(c => c.RowKey).ToHashSet(StringComparer.Ordinal), cancellationToken);
        var state = await live.GetStateAsync(roundId, cancellationToken);
        var presenting = submitted.FirstOrDefault(c => c.RowKey == state.Current);
        var closed = presenting is null ? null : (await live.GetCaseAsync(roundId, presenting.RowKey, cancellationToken))?.ClosedAt;
        var current = presenting is { Status: CaseStatus.Judging } && closed is null ? presenting.RowKey : null;
        return new LiveSnapshot(current, order.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i + 1, StringComparer.Ordinal));
    }

    /// <summary>The submitted cases in running order: the stored positions (the definition's order until an
    /// operator sets one), cases without a position last by id.</summary>
    async Task<List<string>> OrderAsync(string roundId, IReadOnlySet<string> submitted, CancellationToken cancellationToken)
    {
        var rows = await live.ListCasesAsync(roundId, cancellationToken);
        return [.. submitted.OrderBy(id => rows.TryGetValue(id, out var r) && r.Order > 0 ? r.Order : int.MaxValue).ThenBy(id => id, StringComparer.Ordinal)];
    }

    async Task<bool> IsOpenAsync(string roundId, string districtId, CancellationToken cancellationToken) =>
        await cases.GetAsync(roundId, districtId, cancellationToken) is { Status: CaseStatus.Judging } && await live.IsOpenAsync(roundId, districtId, cancellationToken);

    async Task<(RoundRow? Round, OperatorActionResult? Refusal)> RequireLiveAsync(string roundId, CancellationToken cancellationToken)
    {
        var round = await rounds.GetAsync(roundId, cancellationToken);
        if (round is null) return (null, OperatorActionResult.NotFound($"There is no round '{roundId}'."));
        if (round.Settings().Judging != JudgingMode.Live) return (round, OperatorActionResult.Conflict("This round is judged remotely; the presentation day applies to live rounds (\"judging\": \"live\")."));
        return (round, null);
    }

    async Task<(CaseRow? Case, OperatorActionResult? Refusal)> RequireCaseAsync(string roundId, string districtId, CancellationToken cancellationToken)
    {
        var row = await cases.GetAsync(roundId, districtId, cancellationToken);
        if (row is null || row.Status == CaseStatus.NotSubmitted) return (null, OperatorActionResult.NotFound($"There is no case of '{districtId}' in round '{roundId}'."));
        if (row.Status == CaseStatus.Final) return (row, OperatorActionResult.Conflict("This case is final already."));
        return (row, null);
    }
}
