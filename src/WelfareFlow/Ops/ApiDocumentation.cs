using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using WelfareFlow.Contracts;
using WelfareFlow.Http;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>
/// OpenAPI metadata of the HTTP API in one table: name, summary, description, request and response types, and
/// example bodies. Route groups opt in with <see cref="WithWelfareFlowOpenApi{TBuilder}"/>; the handlers read
/// their bodies themselves (for RFC 7807 errors), so request and response shapes are declared here.
/// </summary>
public static class ApiDocumentation
{
    sealed record Doc(string Name, string Tag, string Summary, string Description, Type? Request, object? RequestExample, (int Status, Type? Type, string? ContentType)[] Responses, object? ResponseExample = null);

    static readonly DateTimeOffset Example = new(2024, 10, 1, 9, 0, 0, TimeSpan.FromHours(9));

    static readonly Dictionary<string, Doc> Docs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/rounds"] = new("CreateRound", "Rounds", "Create a round",
            "Stores the round, its districts and judges, starts its orchestration and emails every district its submission link. 409 if the id exists (a retried identical request resumes).",
            typeof(RoundDefinition), new
            {
                id = "goyang-2024", title = "2024년 복지업무 우수 동 성과보고회",
                districts = new[] { new { id = "gobong", name = "고봉동", email = "gobong@example.org" }, new { id = "juyeop-1", name = "주엽1동", email = "juyeop1@example.org" } },
                judges = new[] { new { id = "judge-1", name = "심사위원 1", email = "judge1@example.org" } },
                rubric = new[] { new { id = "creativity", title = "창의성", maxPoints = 20 }, new { id = "effectiveness", title = "효과성", maxPoints = 30 } },
                aggregation = "trimmed-mean",
                tiers = new[] { new { id = "best", label = "최우수", quota = 1 }, new { id = "excellent", label = "우수", quota = 3 }, new { id = "encouragement", label = "장려", quota = 7 } },
                submissionDeadline = Example, judgingDeadline = Example.AddDays(14), reminderEvery = "P1D",
                operatorEmails = new[] { "welfare@goyang.example" }, requireApproval = true,
            },
            [(201, typeof(RoundView), null), (400, typeof(HttpValidationProblemDetails), "application/problem+json"), (401, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
        ["GET /api/rounds"] = new("ListRounds", "Rounds", "List rounds", "Every round with its phase and deadlines, newest first.", null, null, [(200, typeof(List<RoundSummary>), null), (401, typeof(ProblemDetails), "application/problem+json")]),
        ["GET /api/rounds/{roundId}"] = new("GetRound", "Rounds", "Get a round's progress", "Phase and, per submitted case, which judges have scored.", null, null,
            [(200, typeof(RoundView), null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json")],
            new { id = "goyang-2024", title = "2024년 복지업무 우수 동 성과보고회", phase = "judging", submissionDeadline = Example, judgingDeadline = Example.AddDays(14), cases = new[] { new { districtId = "gobong", status = "judging", judges = new Dictionary<string, string> { ["judge-1"] = "scored", ["judge-2"] = "pending" } } } }),
        ["POST /api/rounds/{roundId}/close-submissions"] = new("CloseSubmissions", "Rounds", "Close submissions now", "Judging starts now instead of at the submission deadline.", null, null,
            [(202, null, null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
        ["POST /api/rounds/{roundId}/publish"] = new("PublishRound", "Rounds", "Approve publication", "Only for a round that requires approval and is in phase review.", null, null,
            [(202, null, null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
        ["PUT /api/rounds/{roundId}/cases/{districtId}"] = new("SubmitCase", "Cases", "Submit or edit a district's case",
            "Authorization: Bearer <token of the district's emailed link>. 201 first, 200 update; 403 for another district's token; 409 once submissions are closed.",
            typeof(CaseSubmission), new { title = "1인가구 고독사 예방 이웃 안부 확인 사업", summary = "이웃 돌봄망과 안부 확인으로 고립 가구를 찾아 지원했습니다.", category = "돌봄" },
            [(201, typeof(CaseDocument), null), (200, typeof(CaseDocument), null), (400, typeof(HttpValidationProblemDetails), "application/problem+json"), (401, typeof(ProblemDetails), "application/problem+json"), (403, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
        ["PUT /api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}"] = new("ScoreCase", "Cases", "Enter or revise a judge's score",
            "Authorization: Bearer <token of the judge's emailed link>. Every criterion present, 0 ≤ points ≤ maxPoints. 201 first, 200 revision; 409 once the case is final.",
            typeof(ScoreSubmission), new { criteria = new Dictionary<string, double> { ["creativity"] = 18, ["effectiveness"] = 27.5 }, comment = "지역 자원 연계가 돋보입니다." },
            [(201, typeof(ScoreDocument), null), (200, typeof(ScoreDocument), null), (400, typeof(HttpValidationProblemDetails), "application/problem+json"), (401, typeof(ProblemDetails), "application/problem+json"), (403, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
        ["POST /api/rounds/{roundId}/special-awards"] = new("AddSpecialAward", "Results", "Add a special award", "A discretionary award for a district, until results are published.",
            typeof(SpecialAwardRequest), new { districtId = "juyeop-1", title = "특별상", reason = "지역 자원 연계의 모범" },
            [(201, typeof(SpecialAwardView), null), (400, typeof(HttpValidationProblemDetails), "application/problem+json"), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
        ["GET /api/rounds/{roundId}/results"] = new("GetResults", "Results", "Get results (JSON or CSV)",
            "Once allocated: ranks, scores, tiers, special awards, agreement statistics. With Accept: text/csv, a UTF-8 CSV with byte order mark. 409 before allocation.", null, null,
            [(200, typeof(ResultsView), null), (200, typeof(string), "text/csv"), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
        ["POST /api/rounds/{roundId}/districts/{districtId}/reissue-link"] = new("ReissueDistrictLink", "Operator actions", "Re-send a district's link",
            "Issues a new submission link (older links stop working) and emails it.", null, null, Accepted()),
        ["POST /api/rounds/{roundId}/judges/{judgeId}/reissue-link"] = new("ReissueJudgeLink", "Operator actions", "Re-send a judge's link",
            "Issues a new judging link (older links stop working) and emails it.", null, null, Accepted()),
        ["POST /api/rounds/{roundId}/extend-deadline"] = new("ExtendDeadline", "Operator actions", "Extend the judging deadline",
            "Moves the judging deadline of the round and of every open case later.", typeof(ExtendDeadlineRequest), new { judgingDeadline = Example.AddDays(21) }, Accepted()),
        ["POST /api/rounds/{roundId}/judges/{judgeId}/replace"] = new("ReplaceJudge", "Operator actions", "Replace a judge",
            "A new judge takes over the open cases of the one named in the path and gets a link.", typeof(WelfareFlow.Evaluation.Participant),
            new { id = "judge-5", name = "심사위원 5", email = "judge5@example.org" }, Accepted()),
        ["POST /api/rounds/{roundId}/cases/{districtId}/proceed"] = new("ProceedWithoutLateJudge", "Operator actions", "Proceed without a late judge",
            "A case past its deadline is finalised with the scores present, if the quorum holds.", null, null, Accepted()),
        ["GET /api/rounds/{roundId}/instances"] = new("GetRoundInstances", "Management", "The durable instances of a round", "The round's orchestration and one per case, with runtime and custom status.", null, null,
            [(200, typeof(List<InstanceStatus>), null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json")]),
        ["GET /api/rounds/{roundId}/audit"] = new("GetAudit", "Management", "The audit trail of a round (JSON or CSV)",
            "Every state change with actor, time, before and after; kept when durable history is purged. Accept: text/csv for a UTF-8 CSV with BOM.", null, null,
            [(200, typeof(List<AuditEntry>), null), (200, typeof(string), "text/csv"), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json")]),
        ["DELETE /api/rounds/{roundId}/history"] = new("PurgeRoundHistory", "Management", "Purge the finished durable history of a round",
            "Deletes the history of the round's and its cases' finished instances. The product's own tables keep the record.", null, null,
            [(200, typeof(PurgeOutcome), null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json")]),
        ["GET /api/instances"] = new("ListInstances", "Management", "List durable instances by status",
            "Query: runtimeStatus=Running,Failed (comma-separated), instanceIdPrefix, top (default 100).", null, null,
            [(200, typeof(List<InstanceStatus>), null), (400, typeof(HttpValidationProblemDetails), "application/problem+json"), (401, typeof(ProblemDetails), "application/problem+json")]),
        ["GET /api/instances/{instanceId}"] = new("GetInstance", "Management", "Get an instance's status",
            "As the Durable Functions status query: name, runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime, failureDetails.", null, null,
            [(200, typeof(InstanceStatus), null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json")],
            new { name = "CaseOrchestrator", instanceId = "goyang-2024.gobong", runtimeStatus = "Running", customStatus = new { phase = "judging", scored = new[] { "judge-1" }, pending = new[] { "judge-2" }, deadline = Example.AddDays(14) }, createdTime = Example, lastUpdatedTime = Example.AddHours(1) }),
        ["DELETE /api/instances/{instanceId}"] = new("PurgeInstance", "Management", "Purge a finished instance's history", "409 while the instance runs.", null, null,
            [(200, typeof(PurgeOutcome), null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
        ["GET /api/instances/{instanceId}/history"] = new("GetInstanceHistory", "Management", "Get an instance's orchestration history", "History events oldest first (replay markers left out).", null, null,
            [(200, typeof(List<HistoryEntry>), null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json")]),
        ["POST /api/instances/{instanceId}/terminate"] = new("TerminateInstance", "Management", "Terminate a running instance", "Query: reason. 410 when the instance has finished.", null, null,
            [(202, null, null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (410, typeof(ProblemDetails), "application/problem+json")]),
        ["POST /api/instances/{instanceId}/suspend"] = new("SuspendInstance", "Management", "Suspend a running instance", "Query: reason. 410 when the instance has finished.", null, null,
            [(202, null, null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (410, typeof(ProblemDetails), "application/problem+json")]),
        ["POST /api/instances/{instanceId}/resume"] = new("ResumeInstance", "Management", "Resume a suspended instance", "Query: reason. 410 when the instance has finished.", null, null,
            [(202, null, null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (410, typeof(ProblemDetails), "application/problem+json")]),
        ["POST /api/instances/{instanceId}/restart"] = new("RestartInstance", "Management", "Restart a finished instance", "Same instance id, original input; for a failed or terminated case or round. 409 while it runs.", null, null,
            [(202, null, null), (401, typeof(ProblemDetails), "application/problem+json"), (404, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")]),
    };

    static (int, Type?, string?)[] Accepted() =>
        [(202, null, null), (400, typeof(HttpValidationProblemDetails), "application/problem+json"), (401, typeof(ProblemDetails), "application/problem+json"),
         (404, typeof(ProblemDetails), "application/problem+json"), (409, typeof(ProblemDetails), "application/problem+json")];

    /// <summary>Adds name, summary, description, tag, request and response metadata to each endpoint of a group from the table.</summary>
    public static TBuilder WithWelfareFlowOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route || Lookup(route) is not { } doc) return;
            endpoint.Metadata.Add(new EndpointNameMetadata(doc.Name));
            endpoint.Metadata.Add(new RouteNameMetadata(doc.Name));
            endpoint.Metadata.Add(new TagsAttribute(doc.Tag));
            endpoint.Metadata.Add(new EndpointSummaryAttribute(doc.Summary));
            endpoint.Metadata.Add(new EndpointDescriptionAttribute(doc.Description));
            if (doc.Request is not null) endpoint.Metadata.Add(new AcceptsMetadata(["application/json"], doc.Request));
            foreach (var (status, type, contentType) in doc.Responses)
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, type is null ? [] : [contentType ?? "application/json"]));
            }
        });
        return builder;
    }

    /// <summary>Document title and the example bodies of the table.</summary>
    public static OpenApiOptions AddWelfareFlowDocumentation(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "WelfareFlow API";
            document.Info.Description = "The contest of Goyang's Welfare Work Excellence Districts as a durable workflow. Operators send X-Api-Key; districts and judges send 'Authorization: Bearer <token of their emailed link>'. Errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var key = $"{description.HttpMethod} /{description.RelativePath?.TrimEnd('/')}";
            if (!Docs.TryGetValue(key, out var doc))
            {
                // Endpoints outside the table still get a readable summary, from their handler's name.
                if (string.IsNullOrEmpty(operation.Summary) && description.ActionDescriptor.EndpointMetadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault() is { } handler)
                {
                    operation.Summary = System.Text.RegularExpressions.Regex.Replace(handler.Name.Replace("Async", "", StringComparison.Ordinal), "(?<=[a-z])(?=[A-Z])", " ");
                }

                return Task.CompletedTask;
            }

            operation.OperationId ??= doc.Name;
            if (doc.RequestExample is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Example = JsonSerializer.SerializeToNode(doc.RequestExample, Json.Options);
            }

            var success = doc.Responses.First().Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (doc.ResponseExample is not null && operation.Responses?.TryGetValue(success, out var response) == true && response.Content?.TryGetValue("application/json", out var body) == true)
            {
                body.Example = JsonSerializer.SerializeToNode(doc.ResponseExample, Json.Options);
            }

            return Task.CompletedTask;
        });
        return options;
    }

    static Doc? Lookup(RouteEndpointBuilder route)
    {
        var method = route.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods.FirstOrDefault();
        var pattern = "/" + (route.RoutePattern.RawText ?? "").Trim('/');
        return method is null ? null : Docs.GetValueOrDefault($"{method} {pattern}");
    }
}
