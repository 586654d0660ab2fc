using System.Text.Json;

namespace WelfareFlow.Ops;

/// <summary>Recorded data (audit before/after, instance input and output) shown as written, readable and short.</summary>
public static class JsonText
{
    /// <summary>For display only (the page encodes it): no \u escapes of quotes, '+' or Korean.</summary>
    static readonly JsonSerializerOptions Readable = new(Json.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Compact(string? json)
    {
        if (string.IsNullOrEmpty(json)) return "";
        try
        {
            using var document = JsonDocument.Parse(json);
            return Shorten(JsonSerializer.Serialize(document.RootElement, Readable));
        }
        catch (JsonException)
        {
            return Shorten(json);
        }
    }

    public static string Shorten(string? value) => value is null ? "" : value.Length <= 400 ? value : value[..400] + "…";
}
