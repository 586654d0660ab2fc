using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using WelfareFlow.Configuration;
using WelfareFlow.Contracts;

namespace WelfareFlow.Http.OpenApi;

/// <summary>
/// What the generator cannot know from the endpoints: the server integrators call, the two security schemes and
/// which one each operation needs, tag descriptions, example bodies, second media types (CSV), the multipart
/// upload, and which request fields are truly required (the records are all-nullable so the handlers can name
/// each missing field in a 400; the document says what the contract requires).
/// </summary>
public static class ApiDocumentTransformer
{
    public const string OperatorKeyScheme = "operatorKey";
    public const string LinkTokenScheme = "linkToken";

    static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Rounds"] = "라운드 생성·진행 확인·접수 마감·발표 승인 (운영자). Create a round, watch it, close submissions, approve publication (operator).",
        ["Cases"] = "동의 사례 제출과 심사위원 채점 (이메일 링크의 토큰). Districts submit cases, judges score them (token of their emailed link).",
        ["Results"] = "결과(JSON·CSV)와 특별상 (운영자). Results as JSON or CSV, and special awards (operator).",
        ["Presentation day"] = "성과보고회 당일 진행: 발표 순서, 사례 열기와 닫기. The presentation day of a live round: running order, open and close a case.",
        ["Operator actions"] = "진행 중 라운드 개입: 링크 재발송, 마감 연장, 심사위원 교체, 진행 결정. Interventions in a running round: new links, later deadline, replaced judge, proceed.",
        ["Attachments"] = "사례 첨부파일 (동의 링크, 심사 중에는 심사위원 링크). A case's files (the district's link; a judge's link while the case is in judging).",
        ["Management"] = "지속형 인스턴스·이력·감사 기록 관리 (운영자). Durable instances, their history and the audit trail (operator).",
    };

    static readonly Dictionary<Type, string[]> RequiredRequestFields = new()
    {
        [typeof(RoundDefinition)] = ["id", "title", "districts", "judges", "rubric", "aggregation", "tiers", "submissionDeadline", "judgingDeadline"],
        [typeof(CaseSubmission)] = ["title", "summary", "category"],
        [typeof(ScoreSubmission)] = ["criteria"],
        [typeof(SpecialAwardRequest)] = ["districtId", "title", "reason"],
        [typeof(ExtendDeadlineRequest)] = ["judgingDeadline"],
    };

    /// <summary>Registers the WelfareFlow document (<c>v1</c>) with its transformers.</summary>
    public static IServiceCollection AddWelfareFlowOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (RequiredRequestFields.TryGetValue(context.JsonTypeInfo.Type, out var required)) schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, context, _) =>
            {
                Describe(document, context.ApplicationServices.GetRequiredService<IOptions<WelfareFlowOptions>>().Value.PublicBaseUrl);
                return Task.CompletedTask;
            });
        });

    static void Describe(OpenApiDocument document, string publicBaseUrl)
    {
        document.Info.Title = "WelfareFlow API";
        document.Info.Version = "1.0.0";
        document.Info.Description =
            "고양특례시 복지업무 우수 동 경진대회를 지속형 워크플로로 운영하는 API입니다. 운영자는 X-Api-Key 헤더, 동과 심사위원은 이메일로 받은 링크의 토큰을 " +
            "'Authorization: Bearer <token>'으로 보냅니다. 오류는 RFC 7807 problem details입니다.\n\n" +
            "The contest of Goyang's Welfare Work Excellence Districts as a durable workflow. Operators send the X-Api-Key header; districts and judges " +
            "send 'Authorization: Bearer <token of their emailed link>'. Errors are RFC 7807 problem details (application/problem+json), with field errors for 400.";
        document.Servers = [new OpenApiServer { Url = ServerUrl(publicBaseUrl), Description = "This WelfareFlow / 이 WelfareFlow" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [OperatorKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Access.ApiKeyHeader,
                Description = "운영자 키. The operator key (at least 32 characters), configured as WelfareFlow:OperatorApiKey.",
            },
            [LinkTokenScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "link token",
                Description = "이메일 링크의 토큰. The token of a district's (/submit/{token}) or judge's (/judge/{token}) emailed link.",
            },
        };

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
        }

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (ApiDocumentation.Find(method.Method, path) is { } doc) Describe(document, operation, doc);
            }
        }
    }

    static void Describe(OpenApiDocument document, OpenApiOperation operation, ApiOperation doc)
    {
        operation.OperationId = doc.Name;
        // Alternatives are separate requirements: either one satisfies the operation.
        string[] schemes = doc.Caller switch
        {
            Caller.Operator => [OperatorKeyScheme],
            Caller.JudgeOrOperator => [OperatorKeyScheme, LinkTokenScheme],
            _ => [LinkTokenScheme],
        };
        operation.Security = [.. schemes.Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })];
        operation.Responses ??= [];
        foreach (var response in doc.Responses)
        {
            var status = response.Status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(status, out var documented) || documented is not OpenApiResponse existing)
            {
                operation.Responses[status] = existing = new OpenApiResponse { Description = ReasonPhrase(response.Status) };
            }

            // Bodies the generator cannot describe from a CLR type: a second media type, a file.
            if (response.Type == typeof(string) || response.Type == typeof(byte[]))
            {
                existing.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
                existing.Content[response.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = response.Type == typeof(byte[]) ? "binary" : null } };
            }
        }

        // Every /api route is behind LinkFailureGuard: past the limit of refused requests from one address, 429.
        operation.Responses["429"] = new OpenApiResponse
        {
            Description = "Too Many Requests",
            Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            },
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [ApiDocumentation.ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), document) },
            },
        };

        if (doc.Name == "UploadAttachment")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["multipart/form-data"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string>(["file"], StringComparer.Ordinal),
                            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        },
                    },
                },
            };
        }

        if (doc.RequestExample is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var request) == true)
        {
            request.Example = JsonSerializer.SerializeToNode(doc.RequestExample, Json.Options);
        }

        var success = doc.Responses[0].Status.ToString(CultureInfo.InvariantCulture);
        if (doc.ResponseExample is not null && operation.Responses.TryGetValue(success, out var ok) && ok.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = JsonSerializer.SerializeToNode(doc.ResponseExample, Json.Options);
        }
    }

    /// <summary>The document's server: the configured public base URL without a trailing slash (paths start with one).</summary>
    public static string ServerUrl(string publicBaseUrl) => publicBaseUrl.TrimEnd('/');

    static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : status.ToString(CultureInfo.InvariantCulture);
}
