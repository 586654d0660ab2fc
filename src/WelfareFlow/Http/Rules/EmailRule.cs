using System.Text.RegularExpressions;

namespace WelfareFlow.Http.Rules;

/// <summary>One rule for every e-mail address the product accepts (districts, judges, replacements, operators):
/// a plain <c>local@domain</c> without display names, brackets, quotes or spaces, since the address is put into
/// mail headers and pages as given.</summary>
public static partial class EmailRule
{
    public const int MaxLength = 254;

    public static bool IsValid(string? value) => value is { Length: > 0 and <= MaxLength } && Shape().IsMatch(value);

    public static string Message(string? value) =>
        $"'{Excerpt(value)}' is not an e-mail address of the form name@example.org (at most {MaxLength} characters, no spaces, <, >, quotes or brackets).";

    static string Excerpt(string? value) => value is null ? "" : value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex(@"^[^\s\p{C}@<>()\[\]\\,;:""]{1,64}@(?=[^@]{1,253}$)[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
