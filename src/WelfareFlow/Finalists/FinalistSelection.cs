using Azure;
using WelfareFlow.Attachments;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Storage;

namespace WelfareFlow.Finalists;

/// <summary>What looking up a final's districts came to: the definition with its districts, or a refusal.</summary>
public sealed record FinalistsResolution(RoundDefinition? Definition, IReadOnlyList<ValidationError> Errors, string? Conflict = null, IReadOnlyList<string>? TiedDistricts = null);

/// <summary>
/// A final round built from a screening round (DESIGN §5.1): its districts are the screening's cases ranked
/// 1..count with their names and emails, refused when the cut falls inside a tie; each finalist's case and
/// attachments are carried into the final as submitted, where the district may revise them until it closes.
/// </summary>
public sealed class FinalistSelection(RoundStore rounds, CaseStore cases, ResultStore results, AttachmentStore attachments, WelfareTables tables, AuditLog audit, TimeProvider time)
{
    public async Task<FinalistsResolution> ResolveAsync(RoundDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.FinalistsOf is not { } finalistsOf) return new(definition, []);
        var errors = Live.StageRules.ValidateFinalistsOf(definition).ToList();
        if (errors.Count > 0) return new(null, errors);

        var screeningId = finalistsOf.RoundId!;
        var count = finalistsOf.Count!.Value;
        var screening = await rounds.GetAsync(screeningId, cancellationToken);
        if (screening is null) return new(null, [new("finalistsOf.roundId", $"There is no round '{screeningId}'.")]);
        var stored = screening.Phase is RoundPhase.Review or RoundPhase.Published ? await results.GetAsync<CaseResult, ResultSummary>(screeningId, cancellationToken) : null;
        if (stored is null) return new(null, [], $"Round '{screeningId}' has no allocated results yet (phase '{WireNames.ToWire(screening.Phase)}'); finalists are chosen from allocated results.");

        var ranked = stored.Value.Cases.Where(c => c.Rank is not null).OrderBy(c => c.Rank).ThenBy(c => c.CaseId, StringComparer.Ordinal).ToList();
        if (ranked.Count < count) return new(null, [], $"Round '{screeningId}' ranked only {ranked.Count} cases; {count} finalists were asked for.");
        var cutRank = ranked[count - 1].Rank;
        if (ranked.Count > count && ranked[count].Rank == cutRank)
        {
            var tied = ranked.Where(c => c.Rank == cutRank).Select(c => c.CaseId).ToList();
            return new(null, [], $"The cut at {count} falls inside a tie at rank {cutRank}: {string.Join(", ", tied)}. Choose a count that does not split the tie.", tied);
        }

        var districts = (await rounds.GetDistrictsAsync(screeningId, cancellationToken)).ToDictionary(d => d.RowKey, StringComparer.Ordinal);
        var finalists = ranked.Take(count).Select(c => districts.GetValueOrDefault(c.CaseId)).ToList();
        if (finalists.Any(d => d is null)) return new(null, [], $"Round '{screeningId}' has results for districts it no longer lists.");
        return new(definition with { Districts = [.. finalists.Select(d => new Participant(d!.RowKey, d.Name, d.Email))] }, []);
    }

    /// <summary>Copies each finalist's case (title, summary, category, attachments) into the final as submitted.
    /// Create-only writes: a retried create copies nothing twice and never overwrites a revision made since.</summary>
    public async Task CarryCasesAsync(string screeningId, string finalId, IEnumerable<string> districtIds, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        foreach (var districtId in districtIds)
        {
            var source = await cases.GetAsync(screeningId, districtId, cancellationToken);
            if (source is null) continue;
            try
            {
                await tables.Cases.AddEntityAsync(new CaseRow
                {
                    PartitionKey = finalId, RowKey = districtId, Title = source.Title, Summary = source.Summary, Category = source.Category,
                    Status = CaseStatus.Submitted, Revision = 1, SubmittedAt = source.SubmittedAt, UpdatedAt = now,
                }, cancellationToken);
                await audit.AppendAsync(finalId, "system", "case-carried-over", districtId, after: new { from = screeningId, source.Title }, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Carried by an earlier try (and perhaps revised since): leave it.
            }

            await attachments.CopyCaseAsync(screeningId, finalId, districtId, cancellationToken);
        }
    }
}
