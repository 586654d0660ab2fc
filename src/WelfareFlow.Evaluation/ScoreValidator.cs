namespace WelfareFlow.Evaluation;

/// <summary>Checks one judge's points for one case against the rubric.</summary>
public static class ScoreValidator
{
    /// <summary>
    /// Every criterion present once, no unknown criterion, each value finite, 0 ≤ points ≤ maxPoints,
    /// in steps of 0.5. Criterion ids compare ordinally: "Creativity" is not "creativity".
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(IReadOnlyList<Criterion> rubric, IReadOnlyDictionary<string, double>? criteria)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        if (criteria is null)
        {
            return [new ValidationError("criteria", "Criteria are required: give points for every criterion of the rubric.")];
        }

        var errors = new List<ValidationError>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var criterion in rubric)
        {
            known.Add(criterion.Id);
            var field = Field(criterion.Id);
            if (!criteria.TryGetValue(criterion.Id, out var points))
            {
                errors.Add(new(field, $"Criterion '{criterion.Id}' ({criterion.Title}) is missing: every criterion must be scored."));
            }
            else if (!double.IsFinite(points))
            {
                errors.Add(new(field, $"Points for criterion '{criterion.Id}' ({criterion.Title}) must be a finite number."));
            }
            else if (points < 0 || points > criterion.MaxPoints)
            {
                errors.Add(new(field, $"Points for criterion '{criterion.Id}' ({criterion.Title}) must be between 0 and {Points.Show(criterion.MaxPoints)}; got {Points.Show(points)}."));
            }
            else if (!Points.IsHalfStep(points))
            {
                errors.Add(new(field, $"Points for criterion '{criterion.Id}' ({criterion.Title}) must be in steps of 0.5; got {points.ToString(System.Globalization.CultureInfo.InvariantCulture)}."));
            }
        }

        // Sorted so the client sees the same errors in the same order on every attempt.
        foreach (var id in criteria.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add(new(Field(id), $"Unknown criterion '{id}': the rubric has {string.Join(", ", rubric.Select(c => c.Id))}."));
        }

        return errors;
    }

    /// <summary>Dotted path for plain ids; bracket notation for keys a dot path cannot carry.</summary>
    internal static string Field(string id) =>
        id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? $"criteria.{id}"
            : $"criteria['{id.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
