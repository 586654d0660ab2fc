using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;

namespace WelfareFlow.Http.OpenApi;

/// <summary>
/// The OpenAPI document as committed in <c>v1.json</c> beside this file (embedded in the assembly): what the
/// Server generates, with the server URL of the default configuration. The Functions app cannot run the
/// generator (its HTTP front door is the Functions host, not endpoint routing), so it serves this copy with its
/// own <c>WelfareFlow:PublicBaseUrl</c>; a test holds the copy equal to what the Server generates, so both hosts
/// serve the same JSON. The Kiota client in <c>clients/WelfareFlow.Client</c> is generated from this file too.
/// </summary>
public static class CommittedApiDocument
{
    /// <summary>The server URL the committed copy carries: the default <see cref="WelfareFlowOptions.PublicBaseUrl"/>.</summary>
    public static string DefaultServerUrl { get; } = ApiDocumentTransformer.ServerUrl(new WelfareFlowOptions().PublicBaseUrl);

    static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(CommittedApiDocument).Assembly.GetManifestResourceStream("WelfareFlow.openapi.v1.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded in WelfareFlow.dll (see WelfareFlow.csproj).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The committed document with its server URL set to <paramref name="publicBaseUrl"/>.</summary>
    public static JsonNode For(string publicBaseUrl) => WithServer(JsonNode.Parse(Text.Value)!, publicBaseUrl);

    /// <summary>Sets the document's one server URL (what the Server's generator writes from the configuration).</summary>
    public static JsonNode WithServer(JsonNode document, string publicBaseUrl)
    {
        if (document["servers"] is JsonArray { Count: > 0 } servers && servers[0] is JsonObject server) server["url"] = ApiDocumentTransformer.ServerUrl(publicBaseUrl);
        return document;
    }

    /// <summary><c>GET /openapi/{documentName}.json</c> as the Functions app serves it: <c>v1</c>, else 404.</summary>
    public static IResult Serve(HttpContext http, string documentName)
    {
        if (!string.Equals(documentName, "v1", StringComparison.Ordinal)) return Problems.NotFound($"There is no OpenAPI document '{documentName}'; the API's is /openapi/v1.json.");
        var options = http.RequestServices.GetRequiredService<IOptions<WelfareFlowOptions>>().Value;
        return Results.Text(For(options.PublicBaseUrl).ToJsonString(Indented), "application/json; charset=utf-8");
    }

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
