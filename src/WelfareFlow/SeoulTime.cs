using System.Globalization;

namespace WelfareFlow;

/// <summary>Every time a person reads, in pages and emails, is Seoul time with its zone; ISO 8601 with offset stays
/// in the API and exports.</summary>
public static class SeoulTime
{
    static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static DateTimeOffset In(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public static string Format(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm") =>
        In(at).ToString(format, CultureInfo.InvariantCulture);

    /// <summary><c>2026년 11월 28일 18:27 (KST)</c></summary>
    public static string Korean(DateTimeOffset at) => Format(at, "yyyy'년 'M'월 'd'일 'HH:mm") + " (KST)";

    /// <summary><c>28 Nov 2026, 18:27 KST</c></summary>
    public static string English(DateTimeOffset at) => Format(at, "d MMM yyyy, HH:mm") + " KST";

    public static string For(string language, DateTimeOffset at) => language == "en" ? English(at) : Korean(at);

    /// <summary>A <c>datetime-local</c> form value read as Seoul time (the form says so); null when unreadable.</summary>
    public static DateTimeOffset? ParseLocal(string? value)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }
}
