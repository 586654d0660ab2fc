using System.Globalization;

namespace WelfareFlow;

/// <summary>Deadlines are shown to people in Seoul time, in pages and emails alike.</summary>
public static class SeoulTime
{
    static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static string Format(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm") =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString(format, CultureInfo.InvariantCulture);
}
