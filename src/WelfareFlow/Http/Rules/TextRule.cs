using WelfareFlow.Evaluation;

namespace WelfareFlow.Http.Rules;

/// <summary>One rule for strings: required or not, at most so many characters, and for one-line fields (titles,
/// names, labels) no control characters. The limits are in README and OpenAPI; they keep every row far below the
/// Table Storage limits (64 KiB a property, 1 MiB an entity).</summary>
public static class TextRule
{
    public const int Title = 200, Name = 100, Label = 100, Category = 100, Summary = 20_000, Comment = 5_000, Reason = 2_000;

    public static void Check(List<ValidationError> errors, string field, string? value, int max, bool required = true, bool singleLine = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(new(field, $"{field} is required."));
        }
        else if (value.Length > max)
        {
            errors.Add(new(field, $"{field} has {value.Length} characters; at most {max} are allowed."));
        }
        else if (singleLine ? value.Any(char.IsControl) : value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(new(field, $"{field} contains control characters."));
        }
    }

    /// <summary>At most <paramref name="max"/> items in a list.</summary>
    public static void Count<T>(List<ValidationError> errors, string field, IReadOnlyCollection<T>? items, int max)
    {
        if (items is { Count: var n } && n > max) errors.Add(new(field, $"{field} has {n} entries; at most {max} are allowed."));
    }
}
