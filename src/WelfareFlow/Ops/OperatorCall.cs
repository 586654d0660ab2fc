using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Http;

namespace WelfareFlow.Ops;

/// <summary>
/// Runs an operator API endpoint in process for the dashboard, as if an operator had sent the request with
/// <c>X-Api-Key</c>: the same route, handler, validation, audit entry and status code as the API. The
/// endpoint is found by method and path among the app's endpoints, so the dashboard needs no second copy
/// of any action's logic.
/// </summary>
public static class OperatorCall
{
    public sealed record Response(int Status, string ContentType, byte[] Body)
    {
        public bool Succeeded => Status is >= 200 and < 300;

        /// <summary>The <c>detail</c> (and field errors) of a problem response, for showing to the operator.</summary>
        public string Problem()
        {
            try
            {
                using var json = JsonDocument.Parse(Body);
                var root = json.RootElement;
                var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : root.TryGetProperty("title", out var t) ? t.GetString() : null;
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    detail = string.Join(" ", new[] { detail }.Concat(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}"))).Where(s => !string.IsNullOrEmpty(s)));
                }

                return detail ?? $"HTTP {Status}";
            }
            catch (JsonException)
            {
                return $"HTTP {Status}";
            }
        }
    }

    /// <summary>True when the app has an endpoint for this method and path.</summary>
    public static bool Exists(HttpContext outer, string method, string path) => Find(outer.RequestServices, method, path) is not null;

    public static async Task<Response?> SendAsync(HttpContext outer, string method, string path, object? body = null, string? accept = null)
    {
        var found = Find(outer.RequestServices, method, path);
        if (found is null) return null;
        var (endpoint, values) = found.Value;

        var http = new DefaultHttpContext { RequestServices = outer.RequestServices };
        http.RequestAborted = outer.RequestAborted;
        var request = http.Request;
        request.Method = method;
        request.Scheme = outer.Request.Scheme;
        request.Host = outer.Request.Host;
        var question = path.IndexOf('?', StringComparison.Ordinal);
        request.Path = question < 0 ? path : path[..question];
        if (question >= 0) request.QueryString = new QueryString(path[question..]);
        request.Headers[Access.ApiKeyHeader] = outer.RequestServices.GetRequiredService<IOptions<WelfareFlowOptions>>().Value.OperatorApiKey;
        if (accept is not null) request.Headers.Accept = accept;
        if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json.Options);
            request.ContentType = "application/json";
            request.ContentLength = bytes.Length;
            request.Body = new MemoryStream(bytes);
        }

        foreach (var (key, value) in values) request.RouteValues[key] = value;
        http.SetEndpoint(endpoint);
        using var responseBody = new MemoryStream();
        http.Response.Body = responseBody;
        await endpoint.RequestDelegate!(http);
        return new Response(http.Response.StatusCode, http.Response.ContentType ?? "", responseBody.ToArray());
    }

    static (RouteEndpoint Endpoint, RouteValueDictionary Values)? Find(IServiceProvider services, string method, string path)
    {
        var pathOnly = path.Split('?')[0];
        var candidates = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RequestDelegate is not null && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) == true)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .OrderBy(e => e.Order).ThenByDescending(e => e.RoutePattern.InboundPrecedence);
        foreach (var endpoint in candidates)
        {
            var values = new RouteValueDictionary();
            if (new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText!), new RouteValueDictionary()).TryMatch(pathOnly, values))
            {
                return (endpoint, values);
            }
        }

        return null;
    }
}
