using System.Text.Json;
using System.Xml;
using WelfareFlow.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Evaluation;
using WelfareFlow.Http.Rules;
using WelfareFlow.Finalists;
using WelfareFlow.Live;
using WelfareFlow.Storage;

namespace WelfareFlow.Http;

/// <summary>Validation of a round definition beyond the Evaluation rules (aggregation, durations, operator
/// emails), and its mapping to rows.</summary>
public static class RoundDefinitionRules
{
    public const int MaxDistricts = 5_000, MaxJudges = 50, MaxCriteria = 30, MaxTiers = 30, MaxOperatorEmails = 20;
    public const double MaxPoints = 1_000;

    /// <summary>Every rule with what the host knows: the clock and the shortest reminder interval allowed.</summary>
    public static List<ValidationError> Validate(RoundDefinition definition, IServiceProvider services) =>
        Validate(definition, services.GetRequiredService<TimeProvider>().GetUtcNow(),
            services.GetRequiredService<IOptions<WelfareFlowOptions>>().Value.MinimumReminderInterval);

    public static List<ValidationError> Validate(RoundDefinition definition, DateTimeOffset now, TimeSpan minimumReminder)
    {
        var errors = RoundValidator.Validate(new RoundRules(
            definition.Id, definition.Title, definition.Districts, definition.Judges, definition.Rubric, definition.Tiers,
            definition.SubmissionDeadline, definition.JudgingDeadline, definition.Quorum)).ToList();
        var flagged = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        void Add(List<ValidationError> found)
        {
            errors.AddRange(found.Where(e => !flagged.Contains(e.Field)));
            flagged.UnionWith(found.Select(e => e.Field));
        }

        var more = new List<ValidationError>();
        TextRule.Check(more, "title", definition.Title, TextRule.Title);
        TextRule.Count(more, "districts", definition.Districts, MaxDistricts);
        TextRule.Count(more, "judges", definition.Judges, MaxJudges);
        TextRule.Count(more, "rubric", definition.Rubric, MaxCriteria);
        TextRule.Count(more, "tiers", definition.Tiers, MaxTiers);
        TextRule.Count(more, "operatorEmails", definition.OperatorEmails, MaxOperatorEmails);
        Participants(more, "districts", definition.Districts);
        Participants(more, "judges", definition.Judges);
        foreach (var (c, i) in (definition.Rubric ?? []).Select((c, i) => (c, i)).Where(x => x.c is not null))
        {
            TextRule.Check(more, $"rubric[{i}].title", c.Title, TextRule.Title);
            if (c.MaxPoints > MaxPoints) more.Add(new($"rubric[{i}].maxPoints", $"maxPoints is at most {MaxPoints}."));
        }

        foreach (var (t, i) in (definition.Tiers ?? []).Select((t, i) => (t, i)).Where(x => x.t is not null))
        {
            TextRule.Check(more, $"tiers[{i}].label", t.Label, TextRule.Label);
            if (t.Quota > MaxDistricts) more.Add(new($"tiers[{i}].quota", $"quota is at most {MaxDistricts}."));
        }

        DeadlineRule.Future(more, "submissionDeadline", definition.SubmissionDeadline, now);
        DeadlineRule.Future(more, "judgingDeadline", definition.JudgingDeadline, now);
        Add(more);

        if (!AggregationMethodNames.TryParse(definition.Aggregation, out _))
        {
            errors.Add(new("aggregation", $"Aggregation must be one of {string.Join(", ", AggregationMethodNames.All)}."));
        }

        var every = definition.ReminderEvery is null ? null : ParseDuration(definition.ReminderEvery);
        if (definition.ReminderEvery is not null && every is null)
        {
            errors.Add(new("reminderEvery", "reminderEvery must be a positive ISO 8601 duration such as P1D or PT12H."));
        }
        else
        {
            DeadlineRule.Interval(errors, "reminderEvery", every, minimumReminder);
        }

        var before = definition.SubmissionReminderBefore is null ? null : ParseDuration(definition.SubmissionReminderBefore);
        if (definition.SubmissionReminderBefore is not null && before is null)
        {
            errors.Add(new("submissionReminderBefore", "submissionReminderBefore must be a positive ISO 8601 duration such as PT24H."));
        }
        else
        {
            DeadlineRule.Interval(errors, "submissionReminderBefore", before, TimeSpan.Zero);
        }

        foreach (var (email, i) in (definition.OperatorEmails ?? []).Select((e, i) => (e, i)))
        {
            if (!EmailRule.IsValid(email)) errors.Add(new($"operatorEmails[{i}]", EmailRule.Message(email)));
        }

        errors.AddRange(StageRules.Validate(definition));
        return errors;
    }

    static void Participants(List<ValidationError> errors, string field, IReadOnlyList<Participant?>? participants)
    {
        foreach (var (p, i) in (participants ?? []).Select((p, i) => (p, i)).Where(x => x.p is not null))
        {
            TextRule.Check(errors, $"{field}[{i}].name", p!.Name, TextRule.Name);
            if (!string.IsNullOrWhiteSpace(p.Email) && !EmailRule.IsValid(p.Email)) errors.Add(new($"{field}[{i}].email", EmailRule.Message(p.Email)));
        }
    }

    /// <summary>ISO 8601 duration; null unless positive. XmlConvert throws on overflow too (P99999999Y).</summary>
    public static TimeSpan? ParseDuration(string value)
    {
        try
        {
            var span = XmlConvert.ToTimeSpan(value);
            return span > TimeSpan.Zero ? span : null;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The round row of a validated definition.</summary>
    public static RoundRow ToRow(RoundDefinition definition, string requestHash, DateTimeOffset now)
    {
        AggregationMethodNames.TryParse(definition.Aggregation, out var method);
        var settings = new RoundSettings(
            definition.Rubric!,
            AggregationMethodNames.ToWire(method),
            definition.Tiers!,
            definition.ReminderEvery is null ? null : ParseDuration(definition.ReminderEvery),
            definition.OperatorEmails ?? [],
            definition.Quorum,
            definition.SubmissionReminderBefore is null ? null : ParseDuration(definition.SubmissionReminderBefore),
            definition.Judging is null ? JudgingMode.Remote : WireNames.Parse<JudgingMode>(definition.Judging),
            definition.FinalistsOf);
        return new RoundRow
        {
            PartitionKey = definition.Id!,
            Title = definition.Title!,
            Phase = RoundPhase.Submission,
            DefinitionJson = JsonSerializer.Serialize(settings, Json.Options),
            SubmissionDeadline = definition.SubmissionDeadline!.Value,
            JudgingDeadline = definition.JudgingDeadline!.Value,
            RequireApproval = definition.RequireApproval ?? false,
            CreatedAt = now,
            RequestHash = requestHash,
        };
    }

    public static IEnumerable<ParticipantRow> Rows(IEnumerable<Participant> participants) =>
        participants.Select(p => new ParticipantRow { RowKey = p.Id, Name = p.Name, Email = p.Email });
}
