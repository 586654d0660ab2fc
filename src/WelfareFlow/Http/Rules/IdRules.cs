using System.Text.RegularExpressions;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Http.Rules;

/// <summary>One rule for ids, wherever they come from: the shape of round, district, judge, criterion and tier ids
/// (<see cref="RoundValidator"/>), and what no id or token in a path may contain, since ids become Table keys,
/// blob names and instance ids.</summary>
public static partial class IdRules
{
    public const int MaxPathSegment = 200, MaxToken = 1024;

    public static bool IsId(string? value) => value is { Length: > 0 and <= RoundValidator.MaxIdLength } && Shape().IsMatch(value);

    /// <summary>Why a decoded path segment can be no id or token; null when it may be one.</summary>
    public static string? PathSegmentProblem(string segment, bool isToken)
    {
        var max = isToken ? MaxToken : MaxPathSegment;
        if (segment.Length > max) return $"At most {max} characters.";
        return segment.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?')
            ? "Ids and tokens contain no control characters, slashes, '#' or '?'."
            : null;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
