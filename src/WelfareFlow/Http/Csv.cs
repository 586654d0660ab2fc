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

    static string Field(string? value) =>
        value is null ? ""
        : value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
