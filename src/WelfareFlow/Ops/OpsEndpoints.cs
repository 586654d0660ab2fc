using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Http;
using WelfareFlow.Ops.Components;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>The operators' dashboard under <c>/ops</c>: each handler builds a page's typed model from the stores and
/// renders its Razor component; actions and exports run the API's own endpoints (<see cref="OperatorCall"/>).</summary>
public static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOpsDashboard(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/ops").ExcludeFromDescription();
        ops.MapGet("/ops.css", () => Results.Text(OpsHtml.Css, "text/css; charset=utf-8"));
        ops.MapGet("/sign-in", (HttpContext http, string? returnUrl) => SignInForm(http, returnUrl, error: false));
        ops.MapPost("/sign-in", (Delegate)SignIn);
        ops.MapPost("/sign-out", (Delegate)SignOut);
        ops.MapGet("/", (Delegate)RoundList);
        ops.MapGet("/rounds/{roundId}", RoundPage);
        ops.MapGet("/rounds/{roundId}/award-sheet", AwardSheet);
        ops.MapGet("/rounds/{roundId}/export/{file}", Export);
        ops.MapGet("/rounds/{roundId}/instances/{instanceId}", InstancePage);
        ops.MapGet("/rounds/{roundId}/actions/{action}", ActionPage);
        ops.MapPost("/rounds/{roundId}/actions/{action}", RunAction);
        ops.MapPresentationDayPage();
        return app;
    }

    /// <summary>The session id, or null after writing a redirect to the sign-in page.</summary>
    internal static string? RequireSession(HttpContext http, out IResult? redirect)
    {
        var id = http.RequestServices.GetRequiredService<OpsSession>().SessionId(http);
        redirect = id is null ? Results.Redirect("/ops/sign-in?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)) : null;
        return id;
    }

    static Task<IResult> SignInForm(HttpContext http, string? returnUrl, bool error)
    {
        var text = OpsText.For(http);
        var model = new SignInModel(OpsFrame.For(http, text, text.SignIn, null), SafeReturn(returnUrl), error ? text.WrongKey : null);
        return OpsHtml.PageAsync<SignInPage>(http, model, error ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }

    static async Task<IResult> SignIn(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var session = http.RequestServices.GetRequiredService<OpsSession>();
        if (!session.KeyMatches(form["key"])) return await SignInForm(http, form["returnUrl"], error: true);
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
        var rounds = await RoundListModel.LoadAsync(services.GetRequiredService<RoundStore>(), services.GetRequiredService<CaseStore>(), http.RequestAborted);
        var model = new RoundListModel(OpsFrame.For(http, text, text.Rounds, id), rounds, Refreshing(http));
        Refresh(http, model.Running && model.RefreshOn);
        return await OpsHtml.PageAsync<RoundListPage>(http, model);
    }

    static async Task<IResult> RoundPage(HttpContext http, DurableTaskClient durable, string roundId, string? done)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        var query = RoundPageQuery.From(http.Request.Query);
        var model = await RoundPageReader.LoadAsync(http, durable, OpsFrame.For(http, text, roundId, id), roundId, query, KnownAction(done));
        if (model is null) return await NotFoundAsync(http, text, id, roundId);
        Refresh(http, model.Running && query.Refresh);
        return await OpsHtml.PageAsync<Components.RoundPage>(http, model with { Frame = model.Frame with { Title = model.Round.Title } });
    }

    static async Task<IResult> AwardSheet(HttpContext http, string roundId)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        var round = await http.RequestServices.GetRequiredService<RoundStore>().GetAsync(roundId, http.RequestAborted);
        if (round is null) return await NotFoundAsync(http, text, id, roundId);
        var frame = OpsFrame.For(http, text, text.AwardSheet, id);
        var model = await AwardSheetReader.LoadAsync(http, frame, round, AwardSheetQuery.From(http.Request.Query));
        return model is null
            ? await OpsHtml.PageAsync<MessagePage>(http, new MessageModel(frame, round.Title, text.NotAllocated, $"/ops/rounds/{Uri.EscapeDataString(roundId)}"), StatusCodes.Status409Conflict)
            : await OpsHtml.PageAsync<AwardSheetPage>(http, model);
    }

    static async Task<IResult> InstancePage(HttpContext http, DurableTaskClient durable, string roundId, string instanceId, string? done)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        if (ManagementEndpoints.RoundOf(instanceId) != roundId) return await NotFoundAsync(http, text, id, instanceId);
        OrchestrationMetadata? instance = null;
        string? statusError = null;
        try
        {
            instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The preview sidecar fails to describe an instance for a moment right after a restart (its tags are not there yet).
            statusError = e.Message;
        }

        IReadOnlyList<HistoryEntry> history = [];
        string? historyError = null;
        if (instance is not null)
        {
            try
            {
                history = await ManagementEndpoints.HistoryAsync(http.RequestServices, durable, instanceId, http.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                historyError = e.Message;
            }
        }

        var judges = (await http.RequestServices.GetRequiredService<RoundStore>().GetJudgesAsync(roundId, http.RequestAborted)).ToDictionary(j => j.RowKey, j => j.Name, StringComparer.Ordinal);
        var model = new InstancePageModel(OpsFrame.For(http, text, instanceId, id), roundId, instanceId, KnownAction(done), instance, statusError,
            ProgressWords.Describe(text, instanceId, instance?.SerializedCustomStatus, judges), Refreshing(http), history, historyError);
        Refresh(http, (model.Running || statusError is not null) && Refreshing(http));
        var status = instance is not null ? StatusCodes.Status200OK : statusError is null ? StatusCodes.Status404NotFound : StatusCodes.Status503ServiceUnavailable;
        return await OpsHtml.PageAsync<Components.InstancePage>(http, model, status);
    }

    static async Task<IResult> ActionPage(HttpContext http, string roundId, string action, string? instanceId)
    {
        if (RequireSession(http, out var redirect) is not { } id) return redirect!;
        return await ActionForm(http, id, roundId, action, instanceId, error: null, status: StatusCodes.Status200OK);
    }

    static async Task<IResult> ActionForm(HttpContext http, string sessionId, string roundId, string key, string? instanceId, string? error, int status)
    {
        var text = OpsText.For(http);
        var action = Find(key, instanceId);
        var round = await http.RequestServices.GetRequiredService<RoundStore>().GetAsync(roundId, http.RequestAborted);
        if (action is null || round is null) return await NotFoundAsync(http, text, sessionId, roundId);

        var probe = action.Path(roundId, new FormCollection(new() { ["instanceId"] = instanceId ?? "", ["judgeId"] = "x", ["districtId"] = "x", ["participant"] = "district:x" }));
        var frame = OpsFrame.For(http, text, text.OperatorAction(key), sessionId);
        var model = new ActionPageModel(frame, roundId, round.Title, key, instanceId, error, OperatorCall.Exists(http, action.Method, probe), frame.Csrf!,
            await ActionPageModel.FieldsAsync(http, text, roundId, action));
        return await OpsHtml.PageAsync<Components.ActionPage>(http, model, status);
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
        if (form["confirm"] != "yes") return await ActionForm(http, id, roundId, action, instanceId, text.ConfirmRequired, StatusCodes.Status400BadRequest);

        var response = await OperatorCall.SendAsync(http, definition.Method, definition.Path(roundId, form), definition.Body(form));
        if (response is null) return await ActionForm(http, id, roundId, action, instanceId, text.NotAvailable, StatusCodes.Status501NotImplemented);
        if (!response.Succeeded) return await ActionForm(http, id, roundId, action, instanceId, response.Problem(), response.Status);

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

    internal static Task<IResult> NotFoundAsync(HttpContext http, OpsText text, string sessionId, string what) =>
        OpsHtml.PageAsync<MessagePage>(http, new MessageModel(OpsFrame.For(http, text, text.NotFound, sessionId), what, text.NotFound, "/ops"), StatusCodes.Status404NotFound);

    static OpsAction? Find(string key, string? instanceId) =>
        (instanceId is null ? OpsAction.ForRounds : OpsAction.ForInstances).FirstOrDefault(a => a.Key == key);

    /// <summary>Only an action the dashboard knows is named in the "done" notice; anything else in the address is ignored.</summary>
    static string? KnownAction(string? done) =>
        done is not null && OpsAction.ForRounds.Concat(OpsAction.ForInstances).Any(a => a.Key == done) ? done : null;

    static bool Refreshing(HttpContext http) => http.Request.Query["refresh"] != "off";

    /// <summary>The Refresh header rather than a meta refresh: pages that refresh also offer a link to stop it (WCAG 2.2.1).</summary>
    internal static void Refresh(HttpContext http, bool on)
    {
        if (on) http.Response.Headers["Refresh"] = "5";
    }
}
