using System.Globalization;

namespace WelfareFlow.Evaluation;

/// <summary>Small numeric helpers shared by validation, ranking and the explanations.</summary>
internal static class Points
{
    /// <summary>
    /// Values this close are one value: sums and means of the same points taken in another order differ
    /// in the last bits, and that noise must never split a real tie. Relative, so it suits any scale.
    /// </summary>
    public const double Tolerance = 1e-9;

    public static bool Same(double a, double b) =>
        Math.Abs(a - b) <= Tolerance * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>True for 0, 0.5, 1, … exactly: JSON numbers like 12.5 are exact in binary, so no tolerance is needed.</summary>
    public static bool IsHalfStep(double value) => Math.Floor(value * 2) == value * 2;

    /// <summary>Points as people write them: 17, 17.5, 17.25.</summary>
    /// <remarks>Whole and half points, nearly every value shown, skip the custom format: it dominated explaining a large round.</remarks>
    public static string Show(double value)
    {
        if (Math.Abs(value) < 1e15 && IsHalfStep(value))
        {
            var whole = (long)Math.Truncate(value);
            var text = whole.ToString(CultureInfo.InvariantCulture);
            return whole == value ? text : (value < 0 && whole == 0 ? "-" : "") + text + ".5";
        }

        return value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Scores as the API reports them: two decimals.</summary>
    public static string Show2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
