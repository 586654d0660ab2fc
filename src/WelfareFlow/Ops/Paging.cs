namespace WelfareFlow.Ops;

/// <summary>One page of a long list: a person never gets thousands of rows at once.</summary>
public sealed record Paging(int Page, int Pages, int Rows, int Size)
{
    public const int DefaultSize = 100;

    public static Paging Of(int rows, int? askedPage, int size = DefaultSize)
    {
        var pages = Math.Max(1, (rows + size - 1) / size);
        return new Paging(Math.Clamp(askedPage ?? 1, 1, pages), pages, rows, size);
    }

    public int Skip => (Page - 1) * Size;

    public IEnumerable<T> Take<T>(IEnumerable<T> rows) => rows.Skip(Skip).Take(Size);

    /// <summary>A page number from the query string; anything unreadable is the first page, never an error.</summary>
    public static int? Parse(string? value) => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) ? page : null;
}
