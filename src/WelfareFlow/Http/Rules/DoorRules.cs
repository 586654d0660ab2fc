using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Http.Rules;

/// <summary>
/// Checks every request makes before a handler sees it, the same in both hosts: ids in the path that no id can
/// be (they would reach Table point reads as keys), query values that do not parse, and bodies of the wrong kind
/// posted to form routes. Each refusal is a problem document naming the field.
/// </summary>
public static class DoorRules
{
    public const int MaxTop = 1000;

    /// <summary>What the literal segment before an id says the id is, for the problem's field name.</summary>
    static readonly Dictionary<string, string> IdAfter = new(StringComparer.Ordinal)
    {
        ["rounds"] = "roundId", ["cases"] = "districtId", ["districts"] = "districtId", ["scores"] = "judgeId", ["judges"] = "judgeId",
        ["recusals"] = "judgeId", ["instances"] = "instanceId", ["attachments"] = "id", ["submit"] = "token", ["judge"] = "token",
        ["export"] = "file", ["actions"] = "action",
    };

    public static IResult? Refusal(HttpContext http)
    {
        var request = http.Request;
        var area = request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/submit")
            || request.Path.StartsWithSegments("/judge") || request.Path.StartsWithSegments("/ops");
        if (!area) return null;
        return PathRefusal(request) ?? QueryRefusal(request) ?? FormRefusal(request);
    }

    static IResult? PathRefusal(HttpRequest request)
    {
        var segments = (request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var field = i > 0 && IdAfter.TryGetValue(segments[i - 1], out var name) ? name : "path";
            if (IdRules.PathSegmentProblem(Uri.UnescapeDataString(segments[i]), field == "token") is { } problem)
            {
                return Problems.Validation(field, problem);
            }
        }

        return null;
    }

    static IResult? QueryRefusal(HttpRequest request)
    {
        if (!request.Query.TryGetValue("top", out var tops)) return null;
        return tops.Count == 1 && int.TryParse(tops[0], NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= MaxTop
            ? null
            : Problems.Validation("top", $"top must be a whole number from 1 to {MaxTop}.");
    }

    /// <summary>The link pages and the dashboard post HTML forms only; anything else would fail inside the form reader.</summary>
    static IResult? FormRefusal(HttpRequest request)
    {
        var formRoute = !request.Path.StartsWithSegments("/api");
        if (!formRoute || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.HasFormContentType) return null;
        return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
            detail: "This address takes an HTML form: application/x-www-form-urlencoded or multipart/form-data.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["Send a form, not " + (request.ContentType ?? "an empty body") + "."] } });
    }
}
