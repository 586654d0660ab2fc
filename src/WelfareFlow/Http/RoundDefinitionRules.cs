using System.Net.Mail;
using System.Text.Json;
using System.Xml;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Finalists;
using WelfareFlow.Live;
using WelfareFlow.Storage;

namespace WelfareFlow.Http;

/// <summary>Validation of a round definition beyond the Evaluation rules (aggregation, durations, operator
/// emails), and its mapping to rows.</summary>
public static class RoundDefinitionRules
{
    public static List<ValidationError> Validate(RoundDefinition definition)
    {
        var errors = RoundValidator.Validate(new RoundRules(
            definition.Id, definition.Title, definition.Districts, definition.Judges, definition.Rubric, definition.Tiers,
            definition.SubmissionDeadline, definition.JudgingDeadline, definition.Quorum)).ToList();

        if (!AggregationMethodNames.TryParse(definition.Aggregation, out _))
        {
            errors.Add(new("aggregation", $"Aggregation must be one of {string.Join(", ", AggregationMethodNames.All)}."));
        }

        if (definition.ReminderEvery is not null && ParseDuration(definition.ReminderEvery) is not { } every)
        {
            errors.Add(new("reminderEvery", "reminderEvery must be a positive ISO 8601 duration such as P1D or PT12H."));
        }

        if (definition.SubmissionReminderBefore is not null && ParseDuration(definition.SubmissionReminderBefore) is null)
        {
            errors.Add(new("submissionReminderBefore", "submissionReminderBefore must be a positive ISO 8601 duration such as PT24H."));
        }

        foreach (var (email, i) in (definition.OperatorEmails ?? []).Select((e, i) => (e, i)))
        {
            if (!MailAddress.TryCreate(email, out _))
            {
                errors.Add(new($"operatorEmails[{i}]", "This is not an email address."));
            }
        }

        errors.AddRange(StageRules.Validate(definition));
        return errors;
    }

    public static TimeSpan? ParseDuration(string value)
    {
        try
        {
            var span = XmlConvert.ToTimeSpan(value);
            return span > TimeSpan.Zero ? span : null;
        }
        catch (FormatException)
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
            definition.Judging ?? LiveJudging.Remote,
            definition.FinalistsOf);
        return new RoundRow
        {
            PartitionKey = definition.Id!,
            Title = definition.Title!,
            Phase = RoundPhases.Submission,
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
