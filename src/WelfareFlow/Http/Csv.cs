using System.Text;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Http;

/// <summary>The CSV exports: asked for with <c>Accept: text/csv</c>, written RFC 4180 style in UTF-8 with a
/// byte order mark, so spreadsheet programs show Korean.</summary>
public static class Csv
{
    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    public static byte[] Utf8WithBom(IEnumerable<IEnumerable<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>A cell a spreadsheet would run as a formula (it starts with =, +, -, @, tab or CR) gets a leading
    /// apostrophe: district names and reasons are client text, and an export is opened by an operator. Plain
    /// numbers (a negative z-score) stay numbers: they cannot run anything.</summary>
    public static string Field(string? value)
    {
        if (value is null) return "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
