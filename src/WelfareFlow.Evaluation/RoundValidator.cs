using System.Text.RegularExpressions;

namespace WelfareFlow.Evaluation;

/// <summary>Checks a round definition before anything relies on it; all errors are returned at once.</summary>
public static partial class RoundValidator
{
    /// <summary>Ids end up in URLs, table keys and orchestration instance ids, hence the strict shape.</summary>
    public const int MaxIdLength = 63;

    public static IReadOnlyList<ValidationError> Validate(RoundRules round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var errors = new List<ValidationError>();

        CheckId(errors, "id", "Round", round.Id);
        if (string.IsNullOrWhiteSpace(round.Title))
        {
            errors.Add(new("title", "Title is required."));
        }

        CheckList(errors, "districts", "district", round.Districts, (p, path) => CheckParticipant(errors, path, "District", p));
        CheckList(errors, "judges", "judge", round.Judges, (p, path) => CheckParticipant(errors, path, "Judge", p));
        CheckList(errors, "rubric", "criterion", round.Rubric, (c, path) => CheckCriterion(errors, path, c));
        CheckList(errors, "tiers", "tier", round.Tiers, (t, path) => CheckTier(errors, path, t));
        CheckDeadlines(errors, round.SubmissionDeadline, round.JudgingDeadline);
        CheckQuorum(errors, round.Quorum, round.Judges?.Count ?? 0);
        return errors;
    }

    private static void CheckList<T>(List<ValidationError> errors, string field, string noun, IReadOnlyList<T?>? items, Action<T, string> check)
        where T : class
    {
        if (items is null || items.Count == 0)
        {
            errors.Add(new(field, $"At least one {noun} is required."));
            return;
        }

        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            var item = items[i];
            if (item is null)
            {
                errors.Add(new(path, $"{Capital(noun)} {i + 1} is empty."));
                continue;
            }

            check(item, path);
            var id = IdOf(item);
            if (id is not null && !firstIndexById.TryAdd(id, i))
            {
                errors.Add(new($"{path}.id", $"Duplicate {noun} id '{id}': already used by {field}[{firstIndexById[id]}]."));
            }
        }
    }

    private static string? IdOf(object item) => item switch
    {
        Participant p => p.Id,
        Criterion c => c.Id,
        TierDefinition t => t.Id,
        _ => null,
    };

    private static void CheckParticipant(List<ValidationError> errors, string path, string kind, Participant p)
    {
        CheckId(errors, $"{path}.id", kind, p.Id);
        if (string.IsNullOrWhiteSpace(p.Name))
        {
            errors.Add(new($"{path}.name", $"{kind} '{p.Id}' needs a name."));
        }

        if (string.IsNullOrWhiteSpace(p.Email))
        {
            errors.Add(new($"{path}.email", $"{kind} '{p.Id}' needs an email address: invitations and results are sent there."));
        }
        else if (!EmailShape().IsMatch(p.Email))
        {
            errors.Add(new($"{path}.email", $"{kind} '{p.Id}' has an email address that does not look like one: '{p.Email}'."));
        }
    }

    private static void CheckCriterion(List<ValidationError> errors, string path, Criterion c)
    {
        CheckId(errors, $"{path}.id", "Criterion", c.Id);
        if (string.IsNullOrWhiteSpace(c.Title))
        {
            errors.Add(new($"{path}.title", $"Criterion '{c.Id}' needs a title."));
        }

        if (!double.IsFinite(c.MaxPoints) || c.MaxPoints <= 0)
        {
            errors.Add(new($"{path}.maxPoints", $"Criterion '{c.Id}' needs maxPoints greater than 0."));
        }
        else if (!Points.IsHalfStep(c.MaxPoints))
        {
            errors.Add(new($"{path}.maxPoints", $"Criterion '{c.Id}' needs maxPoints in steps of 0.5, as judges score in steps of 0.5."));
        }
    }

    private static void CheckTier(List<ValidationError> errors, string path, TierDefinition t)
    {
        CheckId(errors, $"{path}.id", "Tier", t.Id);
        if (string.IsNullOrWhiteSpace(t.Label))
        {
            errors.Add(new($"{path}.label", $"Tier '{t.Id}' needs a label."));
        }

        if (t.Quota <= 0)
        {
            errors.Add(new($"{path}.quota", $"Tier '{t.Id}' needs a quota of at least 1; got {t.Quota}."));
        }
    }

    private static void CheckId(List<ValidationError> errors, string field, string kind, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(new(field, $"{kind} id is required."));
        }
        else if (id.Length > MaxIdLength || !IdShape().IsMatch(id))
        {
            errors.Add(new(field, $"{kind} id '{id}' must be lowercase letters and digits in words joined by single hyphens (e.g. 'juyeop-1'), at most {MaxIdLength} characters."));
        }
    }

    private static void CheckDeadlines(List<ValidationError> errors, DateTimeOffset? submission, DateTimeOffset? judging)
    {
        if (submission is null)
        {
            errors.Add(new("submissionDeadline", "Submission deadline is required."));
        }

        if (judging is null)
        {
            errors.Add(new("judgingDeadline", "Judging deadline is required."));
        }
        else if (submission is not null && judging <= submission)
        {
            errors.Add(new("judgingDeadline", "Judging deadline must be after the submission deadline."));
        }
    }

    private static void CheckQuorum(List<ValidationError> errors, int? quorum, int judges)
    {
        if (quorum is { } q && (q < 1 || q > judges))
        {
            errors.Add(new("quorum", $"Quorum must be between 1 and the number of judges ({judges}); got {q}."));
        }
    }

    private static string Capital(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    // Deliberately loose: the mail server is the real judge; this catches typos such as a missing @ or domain.
    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
