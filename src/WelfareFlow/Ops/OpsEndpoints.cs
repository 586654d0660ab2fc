using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Http;
using WelfareFlow.Storage;
using static WelfareFlow.Ops.OpsHtml;

namespace WelfareFlow.Ops;

/// <summary>The operators' dashboard under <c>/ops</c>: server-rendered pages behind a session cookie.</summary>
public static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOpsDashboard(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/ops").ExcludeFromDescription();
        ops.MapGet("/ops.css", () => Results.Text(Css, "text/css; charset=utf-8"));
        ops.MapGet("/sign-in", SignInPage);
        ops.MapPost("/sign-in", (Delegate)SignIn);
        ops.MapPost("/sign-out", (Delegate)SignOut);
        ops.MapGet("/", (Delegate)RoundList);
        ops.MapGet("/rounds/{roundId}", RoundPage);
        ops.MapGet("/rounds/{roundId}/award-sheet", AwardSheet.Render);
        ops.MapGet("/rounds/{roundId}/export/{file}", Export);
        ops.MapGet("/rounds/{roundId}/instances/{instanceId}", InstancePage);
        ops.MapGet("/rounds/{roundId}/actions/{action}", ActionPage);
        ops.MapPost("/rounds/{roundId}/actions/{action}", RunAction);
        return app;
    }

    /// <summary>The session id, or null after writing a redirect to the sign-in page.</summary>
    internal static string? RequireSession(HttpContext http, out IResult? redirect)
    {
        var id = http.RequestServices.GetRequiredService<OpsSession>().SessionId(http);
        redirect = id is null ? Results.Redirect("/ops/sign-in?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)) : null;
        return id;
    }

    static IResult SignInPage(HttpContext http, string? returnUrl) => SignInForm(http, OpsText.For(http), returnUrl, error: false);

    static IResult SignInForm(HttpContext http, OpsText text, string? returnUrl, bool error)
    {
        var body = new StringBuilder($"<h1>{E(text["signIn"])}</h1>");
        if (error) body.Append($"<p class=\"error\" role=\"alert\">{E(text["wrongKey"])}</p>");
        body.Append("<form method=\"post\" action=\"/ops/sign-in\" class=\"action\">");
        body.Append($"<input type=\"hidden\" name=\"returnUrl\" value=\"{E(SafeReturn(returnUrl))}\">");
        body.Append($"<label for=\"key\">{E(text["operatorKey"])}</label><input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"current-password\" required>");
        body.Append($"<p><button type=\"submit\" class=\"primary\">{E(text["signIn"])}</button></p></form>");
        return Result(Page(http, text, text["signIn"], body.ToString()), error ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }

    static async Task<IResult> SignIn(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var session = http.RequestServices.GetRequiredService<OpsSession>();
        if (!session.KeyMatches(form["key"])) return SignInForm(http, OpsText.For(http), form["returnUrl"], error: true);
        session.SignIn(http);
        return Results.Redirect(SafeReturn(form["returnUrl"]));
    }

    static async Task<IResult> SignOut(HttpContext http)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var session = http.RequestServices.GetRequiredService<OpsSession>();
        if (!session.CsrfMatches(id, form[OpsSession.CsrfField])) return Results.BadRequest();
        await session.SignOutAsync(http);
        return Results.Redirect("/ops/sign-in");
    }

    /// <summary>Only a local dashboard path: never an open redirect.</summary>
    static string SafeReturn(string? returnUrl) =>
        returnUrl is { } r && r.StartsWith("/ops", StringComparison.Ordinal) && !r.StartsWith("//", StringComparison.Ordinal) && !r.Contains('\\', StringComparison.Ordinal) ? r : "/ops";

    static async Task<IResult> RoundList(HttpContext http)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        var services = http.RequestServices;
        var rounds = await services.GetRequiredService<RoundStore>().ListRoundsAsync(http.RequestAborted);
        var body = new StringBuilder($"<h1>{E(text["rounds"])}</h1>");
        if (rounds.Count == 0)
        {
            body.Append($"<p>{E(text["noRounds"])}</p>");
        }
        else
        {
            var counts = await Task.WhenAll(rounds.Select(async r =>
            {
                var cases = await services.GetRequiredService<CaseStore>().ListAsync(r.PartitionKey, http.RequestAborted);
                var districts = await services.GetRequiredService<RoundStore>().GetDistrictsAsync(r.PartitionKey, http.RequestAborted);
                var judges = await services.GetRequiredService<RoundStore>().GetJudgesAsync(r.PartitionKey, http.RequestAborted);
                return (Cases: cases.Count(c => c.Status != CaseStatuses.NotSubmitted), Final: cases.Count(c => c.Status == CaseStatuses.Final), Districts: districts.Count, Judges: judges.Count);
            }));
            body.Append(Scroll(text["rounds"])).Append("<table><caption class=\"sr-only\">").Append(E(text["rounds"])).Append("</caption><thead><tr>");
            foreach (var h in new[] { "round", "phase", "cases", "districts", "judges", "submissionDeadline", "judgingDeadline" }) body.Append($"<th scope=\"col\">{E(text[h])}</th>");
            body.Append("</tr></thead><tbody>");
            for (var i = 0; i < rounds.Count; i++)
            {
                var r = rounds[i];
                var c = counts[i];
                body.Append($"<tr><th scope=\"row\"><a href=\"/ops/rounds/{E(Uri.EscapeDataString(r.PartitionKey))}\">{E(r.Title)}</a><br><span class=\"muted\">{E(r.PartitionKey)}</span></th>");
                body.Append($"<td>{PhaseBadge(text, r.Phase)}</td><td class=\"num\">{c.Final}/{c.Cases}</td><td class=\"num\">{c.Districts}</td><td class=\"num\">{c.Judges}</td>");
                body.Append($"<td>{TimeTag(r.SubmissionDeadline)}</td><td>{TimeTag(r.JudgingDeadline)}</td></tr>");
            }

            body.Append("</tbody></table></div>");
        }

        var running = rounds.Any(r => r.Phase != RoundPhases.Published);
        return Result(Page(http, text, text["rounds"], body.ToString(), refresh: running && Refreshing(http), csrf: Csrf(http, id)));
    }

    static async Task<IResult> RoundPage(HttpContext http, DurableTaskClient durable, string roundId, string? done)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        var services = http.RequestServices;
        var store = services.GetRequiredService<RoundStore>();
        var round = await store.GetAsync(roundId, http.RequestAborted);
        if (round is null) return Result(Page(http, text, text["round"], $"<h1>{E(roundId)}</h1><p class=\"error\">404</p>"), StatusCodes.Status404NotFound);

        var districts = (await store.GetDistrictsAsync(roundId, http.RequestAborted)).ToDictionary(d => d.RowKey, StringComparer.Ordinal);
        var judges = (await store.GetJudgesAsync(roundId, http.RequestAborted)).OrderBy(j => j.RowKey, StringComparer.Ordinal).ToList();
        var cases = (await services.GetRequiredService<CaseStore>().ListAsync(roundId, http.RequestAborted)).Where(c => c.Status != CaseStatuses.NotSubmitted).OrderBy(c => c.RowKey, StringComparer.Ordinal).ToList();
        var scores = (await services.GetRequiredService<ScoreStore>().ListAsync(roundId, http.RequestAborted)).ToDictionary(s => s.RowKey, StringComparer.Ordinal);
        var audit = await services.GetRequiredService<AuditLog>().ListAsync(roundId, http.RequestAborted);
        List<OrchestrationMetadata> instances;
        string? instanceError = null;
        try
        {
            instances = await ManagementEndpoints.RoundInstancesAsync(durable, roundId, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            instances = [];
            instanceError = e.Message;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var body = new StringBuilder();
        if (done is not null) body.Append($"<p class=\"notice\" role=\"status\">{E(text["done"])}: {E(text["act." + done])}</p>");
        body.Append($"<h1>{E(round.Title)} <span class=\"muted\">({E(round.PartitionKey)})</span></h1>");
        body.Append($"<p>{E(text["phase"])}: {PhaseBadge(text, round.Phase)}</p>");

        var running = round.Phase != RoundPhases.Published || instances.Any(i => !ManagementEndpoints.IsFinished(i.RuntimeStatus));
        RefreshControl(body, http, text, running);

        // Timeline
        body.Append($"<h2 id=\"timeline\">{E(text["timeline"])}</h2><ol class=\"timeline\">");
        Step(body, text["created"], round.CreatedAt, false);
        Step(body, text["submissionDeadline"], round.SubmissionDeadline, round.Phase == RoundPhases.Submission, deadline: true);
        Step(body, text["closed"], round.ClosedAt, false);
        Step(body, text["judgingDeadline"], round.JudgingDeadline, round.Phase == RoundPhases.Judging, deadline: true);
        Step(body, text["allocated"], round.AllocatedAt, round.Phase == RoundPhases.Review);
        Step(body, text["published"], round.PublishedAt, round.Phase == RoundPhases.Published);
        body.Append("</ol>");

        // Case × judge matrix
        body.Append($"<h2 id=\"matrix\">{E(text["matrix"])}</h2>");
        if (cases.Count == 0)
        {
            body.Append("<p class=\"muted\">—</p>");
        }
        else
        {
            body.Append(Scroll(text["matrix"])).Append($"<table><thead><tr><th scope=\"col\">{E(text["district"])}</th><th scope=\"col\">{E(text["status"])}</th>");
            foreach (var j in judges) body.Append($"<th scope=\"col\">{E(j.Name)}<br><span class=\"muted\">{E(j.RowKey)}</span></th>");
            body.Append("</tr></thead><tbody>");
            foreach (var c in cases)
            {
                var name = districts.GetValueOrDefault(c.RowKey)?.Name ?? c.RowKey;
                body.Append($"<tr><th scope=\"row\">{E(name)}<br><span class=\"muted\">{E(c.RowKey)}</span></th><td>{E(text["case." + c.Status])}</td>");
                foreach (var j in judges)
                {
                    var s = scores.GetValueOrDefault(ScoreRow.KeyOf(c.RowKey, j.RowKey));
                    if (s is { Scored: true })
                    {
                        var late = s.ScoredAt > round.JudgingDeadline ? $" <span class=\"warn\">({E(text["late"])} {E(Duration(s.ScoredAt.Value - round.JudgingDeadline))})</span>" : "";
                        var total = WelfareFlow.Workflow.WorkflowActivities.Criteria(s).Values.Sum();
                        body.Append($"<td><span class=\"ok\">✓ {E(text["scored"])}</span> {total:0.##}<br><span class=\"muted\">{TimeTag(s.ScoredAt)}</span>{late}</td>");
                    }
                    else if (c.Status == CaseStatuses.Final)
                    {
                        body.Append($"<td class=\"muted\">{E(text["notScored"])}</td>");
                    }
                    else
                    {
                        var overdue = c.Status == CaseStatuses.Judging && now > round.JudgingDeadline ? $" <span class=\"bad\">({E(text["overdue"])} {E(Duration(now - round.JudgingDeadline))})</span>" : "";
                        body.Append($"<td><span class=\"muted\">… {E(text["pending"])}</span>{overdue}</td>");
                    }
                }

                body.Append("</tr>");
            }

            body.Append("</tbody></table></div>");
        }

        // Durable instances
        body.Append($"<h2 id=\"instances\">{E(text["instances"])}</h2>");
        if (instanceError is not null) body.Append($"<p class=\"error\">{E(instanceError)}</p>");
        if (instances.Count == 0)
        {
            body.Append($"<p class=\"muted\">{E(text["noInstances"])}</p>");
        }
        else
        {
            body.Append(Scroll(text["instances"])).Append("<table><thead><tr>");
            foreach (var h in new[] { "instance", "runtimeStatus", "customStatus", "created", "lastUpdated", "failure" }) body.Append($"<th scope=\"col\">{E(text[h])}</th>");
            body.Append("</tr></thead><tbody>");
            foreach (var i in instances)
            {
                body.Append($"<tr><th scope=\"row\"><a href=\"/ops/rounds/{E(Uri.EscapeDataString(roundId))}/instances/{E(Uri.EscapeDataString(i.InstanceId))}\">{E(i.InstanceId)}</a><br><span class=\"muted\">{E(i.Name)}</span></th>");
                body.Append($"<td>{StatusBadge(i.RuntimeStatus)}</td><td><code class=\"json\">{E(Compact(i.SerializedCustomStatus))}</code></td>");
                body.Append($"<td>{TimeTag(i.CreatedAt)}</td><td>{TimeTag(i.LastUpdatedAt)}</td><td>{E(i.FailureDetails?.ErrorMessage)}</td></tr>");
            }

            body.Append("</tbody></table></div>");
        }

        // Actions and exports
        body.Append($"<h2 id=\"actions\">{E(text["actions"])}</h2><ul class=\"actions\">");
        foreach (var action in OpsAction.ForRounds.Where(a => Applies(a.Key, round)))
        {
            body.Append($"<li><a href=\"/ops/rounds/{E(Uri.EscapeDataString(roundId))}/actions/{a(action.Key)}\">{E(text["act." + action.Key])}</a></li>");
        }

        body.Append("</ul>");
        body.Append($"<h2 id=\"exports\">{E(text["exports"])}</h2><ul class=\"actions\">");
        var rid = E(Uri.EscapeDataString(roundId));
        if (round.AllocatedAt is not null)
        {
            body.Append($"<li><a href=\"/ops/rounds/{rid}/award-sheet\">{E(text["awardSheet"])}</a></li>");
            body.Append($"<li><a href=\"/ops/rounds/{rid}/export/results.csv\">{E(text["resultsCsv"])}</a></li>");
            body.Append($"<li><a href=\"/ops/rounds/{rid}/export/results.json\">{E(text["resultsJson"])}</a></li>");
        }

        body.Append($"<li><a href=\"/ops/rounds/{rid}/export/audit.csv\">{E(text["auditCsv"])}</a></li></ul>");

        // Audit trail
        body.Append($"<h2 id=\"audit\">{E(text["audit"])}</h2>").Append(Scroll(text["audit"])).Append("<table><thead><tr>");
        foreach (var h in new[] { "time", "actor", "action", "subject", "before", "after" }) body.Append($"<th scope=\"col\">{E(text[h])}</th>");
        body.Append("</tr></thead><tbody>");
        foreach (var entry in Enumerable.Reverse(audit))
        {
            body.Append($"<tr><td>{TimeTag(entry.At)}</td><td>{E(entry.Actor)}</td><td>{E(entry.Action)}</td><td>{E(entry.Subject)}</td>");
            body.Append($"<td><code class=\"json\">{E(Compact(entry.Before))}</code></td><td><code class=\"json\">{E(Compact(entry.After))}</code></td></tr>");
        }

        body.Append("</tbody></table></div>");
        return Result(Page(http, text, round.Title, body.ToString(), refresh: running && Refreshing(http), csrf: Csrf(http, id)));

        static string a(string key) => E(key);
    }

    static async Task<IResult> InstancePage(HttpContext http, DurableTaskClient durable, string roundId, string instanceId, string? done)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        if (ManagementEndpoints.RoundOf(instanceId) != roundId) return Results.NotFound();
        OrchestrationMetadata? instance;
        string? statusError = null;
        try
        {
            instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The preview sidecar fails to describe an instance for a moment right after a restart (its tags are not there yet).
            instance = null;
            statusError = e.Message;
        }

        var body = new StringBuilder();
        var back = $"/ops/rounds/{Uri.EscapeDataString(roundId)}";
        body.Append($"<p><a href=\"{E(back)}\">← {E(text["back"])}</a></p>");
        if (done is not null) body.Append($"<p class=\"notice\" role=\"status\">{E(text["done"])}: {E(text["act." + done])}</p>");
        body.Append($"<h1>{E(text["instance"])} {E(instanceId)}</h1>");
        if (instance is null)
        {
            body.Append(statusError is null ? $"<p class=\"muted\">{E(text["noInstances"])}</p>" : $"<p class=\"error\">{E(statusError)}</p>");
            if (statusError is not null) return Result(Page(http, text, instanceId, body.ToString(), refresh: Refreshing(http), csrf: Csrf(http, id)), StatusCodes.Status503ServiceUnavailable);
            return Result(Page(http, text, instanceId, body.ToString(), csrf: Csrf(http, id)), StatusCodes.Status404NotFound);
        }

        var running = !ManagementEndpoints.IsFinished(instance.RuntimeStatus);
        RefreshControl(body, http, text, running);
        body.Append("<dl class=\"facts\">");
        Fact(body, text["name"], E(instance.Name));
        Fact(body, text["runtimeStatus"], StatusBadge(instance.RuntimeStatus));
        Fact(body, text["customStatus"], $"<code class=\"json\">{E(Compact(instance.SerializedCustomStatus))}</code>");
        Fact(body, text["created"], TimeTag(instance.CreatedAt));
        Fact(body, text["lastUpdated"], TimeTag(instance.LastUpdatedAt));
        Fact(body, "Input", $"<code class=\"json\">{E(Shorten(instance.SerializedInput))}</code>");
        Fact(body, "Output", $"<code class=\"json\">{E(Shorten(instance.SerializedOutput))}</code>");
        if (instance.FailureDetails is { } failure)
        {
            Fact(body, text["failure"], $"<span class=\"bad\">{E(failure.ErrorType)}: {E(failure.ErrorMessage)}</span><pre>{E(failure.StackTrace)}</pre>");
        }

        body.Append("</dl>");

        body.Append($"<h2 id=\"instance-actions\">{E(text["actions"])}</h2><ul class=\"actions\">");
        foreach (var action in OpsAction.ForInstances.Where(a => running ? a.Key is "terminate" or "suspend" or "resume" : a.Key is "restart" or "purge"))
        {
            body.Append($"<li><a href=\"/ops/rounds/{E(Uri.EscapeDataString(roundId))}/actions/{E(action.Key)}?instanceId={E(Uri.EscapeDataString(instanceId))}\">{E(text["act." + action.Key])}</a></li>");
        }

        body.Append("</ul>");

        body.Append($"<h2 id=\"history\">{E(text["history"])}</h2>");
        try
        {
            var history = await ManagementEndpoints.HistoryAsync(http.RequestServices, durable, instanceId, http.RequestAborted);
            body.Append(Scroll(text["history"])).Append("<table><thead><tr><th scope=\"col\">#</th>");
            foreach (var h in new[] { "time", "event", "name", "detail" }) body.Append($"<th scope=\"col\">{E(text[h])}</th>");
            body.Append("</tr></thead><tbody>");
            foreach (var e in history)
            {
                body.Append($"<tr><td class=\"num\">{e.EventId}</td><td>{TimeTag(e.Timestamp)}</td><td>{E(e.EventType)}</td><td>{E(e.Name)}</td><td><code class=\"json\">{E(Shorten(e.Detail))}</code></td></tr>");
            }

            body.Append("</tbody></table></div>");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            body.Append($"<p class=\"error\">{E(text["historyUnavailable"])} {E(e.Message)}</p>");
        }

        return Result(Page(http, text, instanceId, body.ToString(), refresh: running && Refreshing(http), csrf: Csrf(http, id)));
    }

    static async Task<IResult> ActionPage(HttpContext http, string roundId, string action, string? instanceId)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        return await ActionForm(http, OpsText.For(http), id, roundId, action, instanceId, error: null, status: StatusCodes.Status200OK);
    }

    static async Task<IResult> ActionForm(HttpContext http, OpsText text, string sessionId, string roundId, string key, string? instanceId, string? error, int status)
    {
        var action = Find(key, instanceId);
        var store = http.RequestServices.GetRequiredService<RoundStore>();
        var round = await store.GetAsync(roundId, http.RequestAborted);
        if (action is null || round is null) return Results.NotFound();

        var body = new StringBuilder();
        var back = instanceId is null ? $"/ops/rounds/{Uri.EscapeDataString(roundId)}" : $"/ops/rounds/{Uri.EscapeDataString(roundId)}/instances/{Uri.EscapeDataString(instanceId)}";
        body.Append($"<p><a href=\"{E(back)}\">← {E(text["back"])}</a></p>");
        body.Append($"<h1>{E(text["act." + key])}</h1><p>{E(round.Title)} <span class=\"muted\">({E(roundId)}{(instanceId is null ? "" : " · " + E(instanceId))})</span></p>");
        if (key is "purge" or "purge-history") body.Append($"<p>{E(text["purgeNote"])}</p>");
        if (error is not null) body.Append($"<p class=\"error\" role=\"alert\">{E(text["failed"])}: {E(error)}</p>");
        var probe = action.Path(roundId, new FormCollection(new() { ["instanceId"] = instanceId ?? "", ["judgeId"] = "x", ["districtId"] = "x", ["participant"] = "district:x" }));
        if (!OperatorCall.Exists(http, action.Method, probe))
        {
            body.Append($"<p class=\"error\">{E(text["notAvailable"])}</p>");
        }

        body.Append($"<form method=\"post\" action=\"/ops/rounds/{E(Uri.EscapeDataString(roundId))}/actions/{E(key)}\" class=\"action\">");
        body.Append($"<input type=\"hidden\" name=\"{OpsSession.CsrfField}\" value=\"{E(http.RequestServices.GetRequiredService<OpsSession>().CsrfToken(sessionId))}\">");
        if (instanceId is not null) body.Append($"<input type=\"hidden\" name=\"instanceId\" value=\"{E(instanceId)}\">");
        foreach (var field in action.Fields) await FieldHtml(body, http, text, roundId, field);
        body.Append($"<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> {E(text["confirm"])}</label>");
        body.Append($"<p><button type=\"submit\" class=\"primary\">{E(text["act." + key])}</button> <a href=\"{E(back)}\">{E(text["cancel"])}</a></p></form>");
        return Result(Page(http, text, text["act." + key], body.ToString(), csrf: Csrf(http, sessionId)), status);
    }

    static async Task<IResult> RunAction(HttpContext http, string roundId, string action)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!http.RequestServices.GetRequiredService<OpsSession>().CsrfMatches(id, form[OpsSession.CsrfField])) return Results.BadRequest();
        var instanceId = form["instanceId"].ToString() is { Length: > 0 } i ? i : null;
        var definition = Find(action, instanceId);
        if (definition is null) return Results.NotFound();
        if (instanceId is not null && ManagementEndpoints.RoundOf(instanceId) != roundId) return Results.NotFound();
        if (form["confirm"] != "yes") return await ActionForm(http, text, id, roundId, action, instanceId, text["confirmRequired"], StatusCodes.Status400BadRequest);

        var response = await OperatorCall.SendAsync(http, definition.Method, definition.Path(roundId, form), definition.Body(form));
        if (response is null) return await ActionForm(http, text, id, roundId, action, instanceId, text["notAvailable"], StatusCodes.Status501NotImplemented);
        if (!response.Succeeded) return await ActionForm(http, text, id, roundId, action, instanceId, response.Problem(), response.Status);

        var target = instanceId is null || action == "purge"
            ? $"/ops/rounds/{Uri.EscapeDataString(roundId)}?done={action}"
            : $"/ops/rounds/{Uri.EscapeDataString(roundId)}/instances/{Uri.EscapeDataString(instanceId)}?done={action}";
        return Results.Redirect(target);
    }

    static async Task<IResult> Export(HttpContext http, string roundId, string file)
    {
        if (RequireSession(http, out var redirect) is not { } _) return redirect!;
        var r = Uri.EscapeDataString(roundId);
        var (path, accept) = file switch
        {
            "results.csv" => ($"/api/rounds/{r}/results", "text/csv"),
            "results.json" => ($"/api/rounds/{r}/results", "application/json"),
            "audit.csv" => ($"/api/rounds/{r}/audit", "text/csv"),
            "audit.json" => ($"/api/rounds/{r}/audit", "application/json"),
            _ => (null, null),
        };
        if (path is null) return Results.NotFound();
        var response = await OperatorCall.SendAsync(http, "GET", path, accept: accept);
        if (response is null) return Results.NotFound();
        return response.Succeeded
            ? Results.File(response.Body, response.ContentType, $"{roundId}-{file}")
            : Results.Content(System.Text.Encoding.UTF8.GetString(response.Body), response.ContentType, System.Text.Encoding.UTF8, response.Status);
    }

    static OpsAction? Find(string key, string? instanceId) =>
        (instanceId is null ? OpsAction.ForRounds : OpsAction.ForInstances).FirstOrDefault(a => a.Key == key);

    static bool Applies(string key, RoundRow round) => key switch
    {
        "close-submissions" => round.Phase == RoundPhases.Submission,
        "extend-deadline" or "replace-judge" or "proceed" => round.Phase == RoundPhases.Judging,
        "special-award" => round.Phase != RoundPhases.Published,
        "publish" => round.RequireApproval && round.Phase == RoundPhases.Review,
        _ => true,
    };

    static async Task FieldHtml(StringBuilder body, HttpContext http, OpsText text, string roundId, ActionField field)
    {
        var required = field.Required ? " required" : "";
        var label = $"<label for=\"f-{field.Name}\">{E(text[field.Label])}</label>";
        var store = http.RequestServices.GetRequiredService<RoundStore>();
        switch (field.Kind)
        {
            case FieldKind.Text or FieldKind.Email:
                body.Append(label).Append($"<input id=\"f-{field.Name}\" name=\"{field.Name}\" type=\"{(field.Kind == FieldKind.Email ? "email" : "text")}\"{required}>");
                break;
            case FieldKind.DateTime:
                body.Append(label).Append($"<input id=\"f-{field.Name}\" name=\"{field.Name}\" type=\"datetime-local\" step=\"1\"{required}>");
                break;
            case FieldKind.TextArea:
                body.Append(label).Append($"<textarea id=\"f-{field.Name}\" name=\"{field.Name}\" rows=\"3\"{required}></textarea>");
                break;
            default:
                var options = new List<(string Value, string Label)>();
                if (field.Kind is FieldKind.District or FieldKind.Participant)
                {
                    foreach (var d in (await store.GetDistrictsAsync(roundId, http.RequestAborted)).OrderBy(d => d.RowKey, StringComparer.Ordinal))
                        options.Add((field.Kind == FieldKind.Participant ? "district:" + d.RowKey : d.RowKey, $"{d.Name} ({d.RowKey})"));
                }

                if (field.Kind is FieldKind.Judge or FieldKind.Participant)
                {
                    foreach (var j in (await store.GetJudgesAsync(roundId, http.RequestAborted)).OrderBy(j => j.RowKey, StringComparer.Ordinal))
                        options.Add((field.Kind == FieldKind.Participant ? "judge:" + j.RowKey : j.RowKey, $"{text["judge"]}: {j.Name} ({j.RowKey})"));
                }

                if (field.Kind is FieldKind.Case)
                {
                    var names = (await store.GetDistrictsAsync(roundId, http.RequestAborted)).ToDictionary(d => d.RowKey, d => d.Name, StringComparer.Ordinal);
                    foreach (var c in (await http.RequestServices.GetRequiredService<CaseStore>().ListAsync(roundId, http.RequestAborted)).Where(c => c.Status == CaseStatuses.Judging).OrderBy(c => c.RowKey, StringComparer.Ordinal))
                        options.Add((c.RowKey, $"{names.GetValueOrDefault(c.RowKey, c.RowKey)} ({c.RowKey})"));
                }

                body.Append(label).Append($"<select id=\"f-{field.Name}\" name=\"{field.Name}\"{required}>");
                foreach (var (value, text2) in options) body.Append($"<option value=\"{E(value)}\">{E(text2)}</option>");
                body.Append("</select>");
                break;
        }
    }

    /// <summary>A wide table's scroll box, reachable and named for keyboard and screen-reader users in narrow windows.</summary>
    static string Scroll(string label) => $"<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{E(label)}\">";

    static bool Refreshing(HttpContext http) => http.Request.Query["refresh"] != "off";

    static void RefreshControl(StringBuilder body, HttpContext http, OpsText text, bool running)
    {
        if (!running) return;
        var on = Refreshing(http);
        var path = http.Request.Path.Value ?? "/ops";
        body.Append($"<p class=\"muted noprint\">{(on ? E(text["autoRefresh"]) + " " : "")}<a href=\"{E(path + (on ? "?refresh=off" : ""))}\">{E(text[on ? "stopRefresh" : "startRefresh"])}</a></p>");
    }

    static void Step(StringBuilder body, string label, DateTimeOffset? at, bool current, bool deadline = false)
    {
        var css = current ? "current" : at is not null && !deadline ? "done" : "";
        body.Append($"<li class=\"{css}\"{(current ? " aria-current=\"step\"" : "")}><strong>{E(label)}</strong><br>{TimeTag(at)}</li>");
    }

    static void Fact(StringBuilder body, string term, string html) => body.Append($"<dt>{E(term)}</dt><dd>{html}</dd>");

    static string PhaseBadge(OpsText text, string phase)
    {
        var css = phase switch { RoundPhases.Published => "ok", RoundPhases.Review => "warn", _ => "" };
        return $"<span class=\"badge {css}\">{E(text.Phase(phase))}</span>";
    }

    static string StatusBadge(OrchestrationRuntimeStatus status)
    {
        var css = status switch
        {
            OrchestrationRuntimeStatus.Completed => "ok",
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => "bad",
            OrchestrationRuntimeStatus.Suspended => "warn",
            _ => "",
        };
        return $"<span class=\"badge {css}\">{E(status.ToString())}</span>";
    }

    static string? Csrf(HttpContext http, string sessionId) => http.RequestServices.GetRequiredService<OpsSession>().CsrfToken(sessionId);

    /// <summary>For display only (the page HTML-encodes it): no \u escapes of quotes, '+' or Korean.</summary>
    static readonly JsonSerializerOptions Readable = new(Json.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static string Compact(string? json)
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

    static string Shorten(string? value) => value is null ? "" : value.Length <= 400 ? value : value[..400] + "…";
}
