using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using WelfareFlow.Http.OpenApi;

namespace WelfareFlow.Functions.Http;

/// <summary>The OpenAPI document at the Server's address, <c>/openapi/v1.json</c>: the same JSON as the Server's.</summary>
public static class OpenApiFunctions
{
    [Function(nameof(GetOpenApiDocument))]
    public static IResult GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest req,
        string documentName) =>
        CommittedApiDocument.Serve(req.HttpContext, documentName);
}
