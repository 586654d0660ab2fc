using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WelfareFlow.Http.OpenApi;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.OpenApi;

/// <summary>
/// The OpenAPI document integrators fetch from <c>/openapi/v1.json</c>: what the Server generates, the committed
/// copy the Functions app serves and Kiota generates from, and Redocly CLI's verdict on it.
/// </summary>
[Collection("azurite")]
public sealed class OpenApiDocumentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    WelfareServer server = null!;

    public async Task InitializeAsync() => server = await WelfareServer.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task ServedDocument_ServerAndFunctionsApp_SameJsonAsTheCommittedCopy()
    {
        var served = JsonNode.Parse(await server.Client.GetStringAsync("/openapi/v1.json"))!;
        Assert.Equal(server.BaseUrl, served["servers"]![0]!["url"]!.GetValue<string>());

        // The committed copy is the served document with the default configuration's server URL.
        var normalised = CommittedApiDocument.WithServer(served.DeepClone(), CommittedApiDocument.DefaultServerUrl);
        var file = RepositoryTools.Full(RepositoryTools.DocumentPath);
        if (RepositoryTools.Regenerate)
        {
            await File.WriteAllTextAsync(file, normalised.ToJsonString(Indented) + "\n");
            await RepositoryTools.GenerateClientAsync(RepositoryTools.Root);
            return; // The assembly under test embeds the previous copy: build and run the tests again.
        }

        Assert.True(JsonNode.DeepEquals(normalised, JsonNode.Parse(await File.ReadAllTextAsync(file))),
            $"{RepositoryTools.DocumentPath} differs from what the Server serves; regenerate it (and the client) with: {RepositoryTools.RegenerateCommand}");

        // The Functions app's function runs this handler with its own configuration; given the Server's, it answers the same JSON.
        var functions = await ServeAsFunctionsAsync("v1");
        Assert.Equal(StatusCodes.Status200OK, functions.Status);
        Assert.StartsWith("application/json", functions.ContentType, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(served, JsonNode.Parse(functions.Body)),
            "The Functions app's document differs from the Server's: rebuild after regenerating, or regenerate with: " + RepositoryTools.RegenerateCommand);

        var unknown = await ServeAsFunctionsAsync("v2");
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Status);
        Assert.StartsWith("application/problem+json", unknown.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServedDocument_RedoclyRecommendedRules_NoErrorAndNoWarningButTheLicence()
    {
        var file = Path.Combine(server.Folder, "v1.json");
        await File.WriteAllTextAsync(file, await server.Client.GetStringAsync("/openapi/v1.json"));

        var report = JsonNode.Parse(await RepositoryTools.RedoclyLintAsync(file))!;
        var problems = report["problems"]!.AsArray().Select(p => $"{p!["severity"]} {p["ruleId"]} {p["location"]![0]!["pointer"]}: {p["message"]}").ToList();
        var beyondLicence = problems.Where(p => !p.Contains(" info-license ", StringComparison.Ordinal)).ToList();
        Assert.True(beyondLicence.Count == 0, "Redocly recommended rules:\n" + string.Join("\n", beyondLicence));
        Assert.Equal(0, report["totals"]!["errors"]!.GetValue<int>());
    }

    [Fact]
    public async Task ServedDocument_EveryOperation_IdSummarySecuritySuccessAndProblemResponses()
    {
        var document = JsonNode.Parse(await server.Client.GetStringAsync("/openapi/v1.json"))!;
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("apiKey", schemes["operatorKey"]!["type"]!.GetValue<string>());
        Assert.Equal("header", schemes["operatorKey"]!["in"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", schemes["operatorKey"]!["name"]!.GetValue<string>());
        Assert.Equal("http", schemes["linkToken"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["linkToken"]!["scheme"]!.GetValue<string>());

        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(o => (Name: $"{o.Key.ToUpperInvariant()} {path.Key}", Operation: o.Value!))).ToList();
        Assert.Equal(ApiDocumentation.Operations.Keys.Order(StringComparer.OrdinalIgnoreCase), operations.Select(o => o.Name).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, operation) in operations)
        {
            var documented = ApiDocumentation.Operations[name];
            Assert.Equal(documented.Name, operation["operationId"]?.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), name);
            // Each requirement names one scheme; several requirements are alternatives (the recusal: operator key or the judge's link).
            var required = operation["security"]!.AsArray().Select(requirement => Assert.Single(requirement!.AsObject()).Key).ToList();
            Assert.Equal(documented.Caller switch
            {
                Caller.Operator => ["operatorKey"],
                Caller.JudgeOrOperator => ["operatorKey", "linkToken"],
                _ => new[] { "linkToken" },
            }, required);

            var responses = operation["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            foreach (var refusal in responses.Where(r => r.Key.StartsWith('4')))
            {
                var schema = refusal.Value!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>();
                Assert.Equal(refusal.Key == "400" ? "#/components/schemas/HttpValidationProblemDetails" : "#/components/schemas/ProblemDetails", schema);
            }

            Assert.Contains(responses, r => r.Key == "401");
        }
    }

    async Task<(int Status, string ContentType, string Body)> ServeAsFunctionsAsync(string documentName)
    {
        var http = new DefaultHttpContext { RequestServices = server.Services };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await CommittedApiDocument.Serve(http, documentName).ExecuteAsync(http);
        return (http.Response.StatusCode, http.Response.ContentType ?? "", System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
