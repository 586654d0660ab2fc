using System.Text.Json.Nodes;

namespace WelfareFlow.Tests.Hardening;

/// <summary>One operation the fuzz test walks: a method and path template from the served OpenAPI document (or a
/// link page's form), its parameters, and a well-formed body to spoil.</summary>
public sealed record FuzzOperation(string Method, string Template, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, JsonNode? Example, bool IsForm)
{
    /// <summary>Operations whose success starts work in the background (mail, orchestration events): they are only
    /// ever sent with ids that do not exist, so the state stays comparable from one request to the next.</summary>
    public bool MayUseRealIds =>
        Method == "GET" || Template.EndsWith("/cases/{districtId}", StringComparison.Ordinal) || Template.Contains("/scores/", StringComparison.Ordinal)
        || Template.EndsWith("/special-awards", StringComparison.Ordinal) || Template.Contains("/attachments", StringComparison.Ordinal) || IsForm;

    public override string ToString() => $"{Method} {Template}";

    public static List<FuzzOperation> FromOpenApi(JsonNode document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" || operation is not JsonObject op) continue;
                var parameters = (op["parameters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                var body = op["requestBody"]?["content"]?.AsObject();
                var example = body?.FirstOrDefault().Value?["example"]?.DeepClone();
                operations.Add(new FuzzOperation(method.ToUpperInvariant(), template,
                    [.. parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!)],
                    [.. parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!)],
                    example, IsForm: body?.Any(c => c.Key.StartsWith("multipart/", StringComparison.Ordinal)) ?? false));
            }
        }

        return operations;
    }

    /// <summary>The forms of the link pages, which the OpenAPI document leaves out.</summary>
    public static IEnumerable<FuzzOperation> LinkForms() =>
    [
        new("GET", "/submit/{token}", ["token"], ["lang"], null, true),
        new("POST", "/submit/{token}", ["token"], [], new JsonObject { ["_csrf"] = "x", ["title"] = "제목", ["summary"] = "요약", ["category"] = "돌봄" }, true),
        new("POST", "/submit/{token}/attachments", ["token"], [], new JsonObject { ["_csrf"] = "x" }, true),
        new("POST", "/submit/{token}/attachments/{id}/delete", ["token", "id"], [], new JsonObject { ["_csrf"] = "x" }, true),
        new("GET", "/judge/{token}", ["token"], ["lang"], null, true),
        new("POST", "/judge/{token}/cases/{districtId}", ["token", "districtId"], [], new JsonObject { ["_csrf"] = "x", ["creativity"] = "10", ["comment"] = "좋음" }, true),
        new("POST", "/ops/sign-in", [], [], new JsonObject { ["key"] = "x", ["returnUrl"] = "/ops" }, true),
    ];
}
