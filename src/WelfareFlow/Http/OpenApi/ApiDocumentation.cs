using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WelfareFlow.Attachments;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Live;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Http.OpenApi;

/// <summary>Who may call an operation, and so which security schemes the document names for it
/// (<see cref="JudgeOrOperator"/>: either the judge's link token or the operator key).</summary>
public enum Caller { Operator, District, Judge, DistrictOrJudge, JudgeOrOperator }

/// <summary>One documented response: status, body type (<see cref="void"/> for none) and media type.</summary>
public sealed record ApiResponse(int Status, Type Type, string ContentType = "application/json");

/// <summary>One operation of the API as integrators see it in the OpenAPI document.</summary>
public sealed record ApiOperation(string Name, string Tag, Caller Caller, string Summary, string Description, Type? Request, object? RequestExample, ApiResponse[] Responses, object? ResponseExample = null);

/// <summary>
/// OpenAPI metadata of the HTTP API in one table: name, caller, summary, description, request and response types
/// and example bodies. Route groups opt in with <see cref="WithWelfareFlowOpenApi{TBuilder}"/>; the handlers read
/// their bodies themselves (so malformed JSON is a 400 problem, not a framework error), so shapes are declared here.
/// </summary>
public static class ApiDocumentation
{
    public const string ProblemJson = "application/problem+json";

    static readonly DateTimeOffset Example = new(2024, 10, 1, 9, 0, 0, TimeSpan.FromHours(9));

    static ApiResponse Ok<T>(int status = 200) => new(status, typeof(T));

    static readonly ApiResponse NoBody202 = new(202, typeof(void));

    static ApiResponse[] Refusals(params int[] statuses) =>
        [.. statuses.Select(s => new ApiResponse(s, s == 400 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), ProblemJson))];

    static ApiResponse[] R(ApiResponse[] success, params int[] refusals) => [.. success, .. Refusals(refusals)];

    public static IReadOnlyDictionary<string, ApiOperation> Operations { get; } = new Dictionary<string, ApiOperation>(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/rounds"] = new("CreateRound", "Rounds", Caller.Operator, "Create a round",
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
            R([Ok<RoundView>(201)], 400, 401, 409)),
        ["GET /api/rounds"] = new("ListRounds", "Rounds", Caller.Operator, "List rounds", "Every round with its phase and deadlines, newest first.", null, null, R([Ok<List<RoundSummary>>()], 401)),
        ["GET /api/rounds/{roundId}"] = new("GetRound", "Rounds", Caller.Operator, "Get a round's progress", "Phase and, per submitted case, which judges have scored.", null, null,
            R([Ok<RoundView>()], 401, 404),
            new { id = "goyang-2024", title = "2024년 복지업무 우수 동 성과보고회", phase = "judging", submissionDeadline = Example, judgingDeadline = Example.AddDays(14), cases = new[] { new { districtId = "gobong", status = "judging", judges = new Dictionary<string, string> { ["judge-1"] = "scored", ["judge-2"] = "pending" } } } }),
        ["POST /api/rounds/{roundId}/close-submissions"] = new("CloseSubmissions", "Rounds", Caller.Operator, "Close submissions now", "Judging starts now instead of at the submission deadline.", null, null,
            R([NoBody202], 401, 404, 409)),
        ["POST /api/rounds/{roundId}/publish"] = new("PublishRound", "Rounds", Caller.Operator, "Approve publication", "Only for a round that requires approval and is in phase review.", null, null,
            R([NoBody202], 401, 404, 409)),
        ["PUT /api/rounds/{roundId}/cases/{districtId}"] = new("SubmitCase", "Cases", Caller.District, "Submit or edit a district's case",
            "With the token of the district's emailed link. 201 first, 200 update (idempotent: the same body again is harmless); 403 for another district's token; 409 once submissions are closed.",
            typeof(CaseSubmission), new { title = "1인가구 고독사 예방 이웃 안부 확인 사업", summary = "이웃 돌봄망과 안부 확인으로 고립 가구를 찾아 지원했습니다.", category = "돌봄" },
            R([Ok<CaseDocument>(201), Ok<CaseDocument>()], 400, 401, 403, 404, 409)),
        ["PUT /api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}"] = new("ScoreCase", "Cases", Caller.Judge, "Enter or revise a judge's score",
            "With the token of the judge's emailed link. Every criterion present, 0 ≤ points ≤ maxPoints in steps of 0.5. 201 first, 200 revision (it replaces the earlier score); 403 for another judge's token; 409 once the case is final.",
            typeof(ScoreSubmission), new { criteria = new Dictionary<string, double> { ["creativity"] = 18, ["effectiveness"] = 27.5 }, comment = "지역 자원 연계가 돋보입니다." },
            R([Ok<ScoreDocument>(201), Ok<ScoreDocument>()], 400, 401, 403, 404, 409)),
        ["POST /api/rounds/{roundId}/special-awards"] = new("AddSpecialAward", "Results", Caller.Operator, "Add a special award", "A discretionary award for a district, until results are published.",
            typeof(SpecialAwardRequest), new { districtId = "juyeop-1", title = "특별상", reason = "지역 자원 연계의 모범" },
            R([Ok<SpecialAwardView>(201)], 400, 401, 404, 409)),
        ["GET /api/rounds/{roundId}/results"] = new("GetResults", "Results", Caller.Operator, "Get results (JSON or CSV)",
            "Once allocated: ranks, scores, tiers, special awards, agreement statistics. With Accept: text/csv, a UTF-8 CSV with byte order mark. 409 before allocation.", null, null,
            R([Ok<ResultsView>(), new(200, typeof(string), "text/csv")], 401, 404, 409)),
        ["POST /api/rounds/{roundId}/districts/{districtId}/reissue-link"] = new("ReissueDistrictLink", "Operator actions", Caller.Operator, "Re-send a district's link",
            "Issues a new submission link (older links stop working) and emails it.", null, null, R([Ok<ReissuedLink>(202)], 400, 401, 404, 409)),
        ["POST /api/rounds/{roundId}/judges/{judgeId}/reissue-link"] = new("ReissueJudgeLink", "Operator actions", Caller.Operator, "Re-send a judge's link",
            "Issues a new judging link (older links stop working) and emails it; 409 for a judge who was replaced.", null, null, R([Ok<ReissuedLink>(202)], 400, 401, 404, 409)),
        ["POST /api/rounds/{roundId}/extend-deadline"] = new("ExtendDeadline", "Operator actions", Caller.Operator, "Extend the judging deadline",
            "Moves the judging deadline of the round and of every open case later.", typeof(ExtendDeadlineRequest), new { judgingDeadline = Example.AddDays(21) }, R([Ok<DeadlineExtended>(202)], 400, 401, 404, 409)),
        ["POST /api/rounds/{roundId}/judges/{judgeId}/replace"] = new("ReplaceJudge", "Operator actions", Caller.Operator, "Replace a judge",
            "A new judge takes over the open cases of the one named in the path and gets a link. Repeating the same request is harmless.", typeof(Participant),
            new { id = "judge-5", name = "심사위원 5", email = "judge5@example.org" }, R([Ok<JudgeReplacement>(202)], 400, 401, 404, 409)),
        ["POST /api/rounds/{roundId}/cases/{districtId}/proceed"] = new("ProceedWithoutLateJudge", "Operator actions", Caller.Operator, "Proceed without a late judge",
            "A case past its deadline is finalised with the scores present, if the quorum holds.", null, null, R([Ok<CaseProceeding>(202)], 400, 401, 404, 409)),
        ["POST /api/rounds/{roundId}/cases/{districtId}/recusals/{judgeId}"] = new("RecuseJudge", "Cases", Caller.JudgeOrOperator, "Record a judge's recusal from a case (conflict of interest)",
            "With the token of the judge's emailed link (an operator may record it with X-Api-Key instead). 201 first, 200 when recorded already; 409 if the judge scored that case already or the case is final; "
            + "403 for another judge's token. The case stops waiting for that judge and its quorum counts the remaining seats.",
            typeof(RecusalRequest), new { reason = "신청 동에 가족이 근무합니다." }, R([Ok<RecusalDocument>(201), Ok<RecusalDocument>()], 400, 401, 403, 404, 409)),
        ["PUT /api/rounds/{roundId}/running-order"] = new("SetRunningOrder", "Presentation day", Caller.Operator, "Set the running order of a live round",
            "A permutation of the submitted cases (else 400); 409 if the round is not live, not judging yet, or a case was opened already.",
            typeof(RunningOrderRequest), new { order = new[] { "juyeop-1", "gobong" } }, R([Ok<RunningOrder>()], 400, 401, 404, 409)),
        ["POST /api/rounds/{roundId}/cases/{districtId}/open"] = new("OpenCase", "Presentation day", Caller.Operator, "Open a case: it is presenting and can be scored",
            "409 while another case is open, if the case is final, or the round is not live or not judging.", null, null, R([Ok<CaseOpened>(202)], 401, 404, 409)),
        ["POST /api/rounds/{roundId}/cases/{districtId}/close"] = new("CloseCase", "Presentation day", Caller.Operator, "Close a case's scoring",
            "The case becomes final with the scores present if its quorum holds, else it escalates as at a deadline.", null, null, R([Ok<CaseClosing>(202)], 401, 404, 409)),
        ["GET /api/rounds/{roundId}/cases/{districtId}/attachments"] = new("ListAttachments", "Attachments", Caller.DistrictOrJudge, "List a case's attachments",
            "With the district's link token, or a judge's of the round once the case is in judging (404 before).", null, null, R([Ok<List<AttachmentInfo>>()], 401, 403, 404)),
        ["POST /api/rounds/{roundId}/cases/{districtId}/attachments"] = new("UploadAttachment", "Attachments", Caller.District, "Upload an attachment",
            "multipart/form-data with the file in the field 'file': PDF, HWP/HWPX, DOCX, PPTX, XLSX, JPG or PNG (checked by content), 20 MB each, up to 5 per case.", null, null,
            R([Ok<AttachmentInfo>(201)], 400, 401, 403, 404, 409, 413, 415)),
        ["GET /api/rounds/{roundId}/cases/{districtId}/attachments/{id}"] = new("DownloadAttachment", "Attachments", Caller.DistrictOrJudge, "Download an attachment",
            "The file as a download, never shown inline.", null, null, R([new(200, typeof(byte[]), "application/octet-stream")], 401, 403, 404)),
        ["DELETE /api/rounds/{roundId}/cases/{districtId}/attachments/{id}"] = new("DeleteAttachment", "Attachments", Caller.District, "Delete an attachment",
            "Until submissions close.", null, null, R([new(204, typeof(void))], 401, 403, 404, 409)),
        ["GET /api/rounds/{roundId}/instances"] = new("GetRoundInstances", "Management", Caller.Operator, "The durable instances of a round", "The round's orchestration and one per case, with runtime and custom status.", null, null,
            R([Ok<List<InstanceStatus>>()], 401, 404)),
        ["GET /api/rounds/{roundId}/audit"] = new("GetAudit", "Management", Caller.Operator, "The audit trail of a round (JSON or CSV)",
            "Every state change with actor, time, before and after; kept when durable history is purged. Accept: text/csv for a UTF-8 CSV with BOM.", null, null,
            R([Ok<List<AuditEntry>>(), new(200, typeof(string), "text/csv")], 401, 404)),
        ["DELETE /api/rounds/{roundId}/history"] = new("PurgeRoundHistory", "Management", Caller.Operator, "Purge the finished durable history of a round",
            "Deletes the history of the round's and its cases' finished instances. The product's own tables keep the record.", null, null, R([Ok<PurgeOutcome>()], 401, 404)),
        ["GET /api/instances"] = new("ListInstances", "Management", Caller.Operator, "List durable instances by status",
            "Query: runtimeStatus=Running,Failed (comma-separated), instanceIdPrefix, top (default 100).", null, null, R([Ok<List<InstanceStatus>>()], 400, 401)),
        ["GET /api/instances/{instanceId}"] = new("GetInstance", "Management", Caller.Operator, "Get an instance's status",
            "As the Durable Functions status query: name, runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime, failureDetails.", null, null,
            R([Ok<InstanceStatus>()], 401, 404),
            new
            {
                name = "CaseOrchestrator", instanceId = "goyang-2024.gobong", runtimeStatus = "Completed", input = new { roundId = "goyang-2024", districtId = "gobong" },
                customStatus = new { phase = "final", scored = new[] { "judge-1", "judge-2" }, pending = Array.Empty<string>() },
                output = new { districtId = "gobong", scores = 2 }, createdTime = Example, lastUpdatedTime = Example.AddDays(3), failureDetails = (object?)null,
            }),
        ["DELETE /api/instances/{instanceId}"] = new("PurgeInstance", "Management", Caller.Operator, "Purge a finished instance's history", "409 while the instance runs.", null, null,
            R([Ok<PurgeOutcome>()], 401, 404, 409)),
        ["GET /api/instances/{instanceId}/history"] = new("GetInstanceHistory", "Management", Caller.Operator, "Get an instance's orchestration history", "History events oldest first (replay markers left out).", null, null,
            R([Ok<List<HistoryEntry>>()], 401, 404)),
        ["POST /api/instances/{instanceId}/terminate"] = new("TerminateInstance", "Management", Caller.Operator, "Terminate a running instance", "Query: reason. 410 when the instance has finished.", null, null,
            R([NoBody202], 401, 404, 410)),
        ["POST /api/instances/{instanceId}/suspend"] = new("SuspendInstance", "Management", Caller.Operator, "Suspend a running instance", "Query: reason. 410 when the instance has finished.", null, null,
            R([NoBody202], 401, 404, 410)),
        ["POST /api/instances/{instanceId}/resume"] = new("ResumeInstance", "Management", Caller.Operator, "Resume a suspended instance", "Query: reason. 410 when the instance has finished.", null, null,
            R([NoBody202], 401, 404, 410)),
        ["POST /api/instances/{instanceId}/restart"] = new("RestartInstance", "Management", Caller.Operator, "Restart a finished instance", "Same instance id, original input; for a failed or terminated case or round. 409 while it runs.", null, null,
            R([NoBody202], 401, 404, 409)),
    };

    /// <summary>
    /// Adds name, summary, description, tag, request and response metadata to each endpoint of a group from the table.
    /// Runs last, so a status the handler's typed result declares (<c>Results&lt;Created&lt;T&gt;, ValidationProblem, …&gt;</c>)
    /// keeps the handler's declaration; the table adds what types cannot say (problem statuses, CSV, files).
    /// </summary>
    public static TBuilder WithWelfareFlowOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route || Lookup(route) is not { } doc) return;
            endpoint.Metadata.Add(new EndpointNameMetadata(doc.Name));
            endpoint.Metadata.Add(new RouteNameMetadata(doc.Name));
            endpoint.Metadata.Add(new TagsAttribute(doc.Tag));
            endpoint.Metadata.Add(new EndpointSummaryAttribute(doc.Summary));
            endpoint.Metadata.Add(new EndpointDescriptionAttribute(doc.Description));
            if (doc.Request is not null) endpoint.Metadata.Add(new AcceptsMetadata(["application/json"], doc.Request));

            // One entry per status: a second media type of the same status (text/csv) is added to the document
            // by ApiDocumentTransformer, because the metadata of one status carries one body type.
            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            foreach (var response in doc.Responses.DistinctBy(r => r.Status).Where(r => !declared.Contains(r.Status)))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(response.Status, response.Type, response.Type == typeof(void) ? [] : [response.ContentType]));
            }
        });
        return builder;
    }

    public static ApiOperation? Find(string method, string path) => Operations.GetValueOrDefault($"{method} {path}");

    static ApiOperation? Lookup(RouteEndpointBuilder route)
    {
        var method = route.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods.FirstOrDefault();
        var pattern = "/" + (route.RoutePattern.RawText ?? "").Trim('/');
        return method is null ? null : Find(method, pattern);
    }
}
