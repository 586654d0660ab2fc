using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Live;

/// <summary>Validation of the two-stage and presentation-day parts of a round definition (DESIGN §5.1).</summary>
public static class StageRules
{
    public static IEnumerable<ValidationError> Validate(RoundDefinition definition)
    {
        if (definition.Judging is not null && !WireNames.TryParse<JudgingMode>(definition.Judging, out _))
        {
            yield return new("judging", $"judging must be one of {string.Join(", ", WireNames.All<JudgingMode>())}.");
        }
    }

    /// <summary>Checked before the finalists are looked up: districts are given, or taken from a screening, never both.</summary>
    public static IEnumerable<ValidationError> ValidateFinalistsOf(RoundDefinition definition)
    {
        if (definition.FinalistsOf is not { } finalists)
        {
            yield break;
        }

        if (definition.Districts is not null)
        {
            yield return new("finalistsOf", "Give either districts or finalistsOf, not both.");
        }

        if (string.IsNullOrWhiteSpace(finalists.RoundId))
        {
            yield return new("finalistsOf.roundId", "finalistsOf.roundId is required: the screening round whose best cases go to the final.");
        }

        if (finalists.Count is not (>= 1 and <= 1_000))
        {
            yield return new("finalistsOf.count", "finalistsOf.count must be between 1 and 1000.");
        }
    }
}
