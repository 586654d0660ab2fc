using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Live;
using WelfareFlow.Workflow;

namespace WelfareFlow.Ops;

/// <summary>The operator's page of the presentation day (<c>/ops/rounds/{roundId}/day</c>): its forms call
/// <see cref="PresentationDay"/> directly, the same core as the API's open and close.</summary>
public static class OpsDayEndpoints
{
    public const string Open = "open", Close = "close", OpenNext = "next";

    public static RouteGroupBuilder MapPresentationDayPage(this RouteGroupBuilder ops)
    {
        ops.MapGet("/rounds/{roundId}/day", (HttpContext http, string roundId, string? done) => Page(http, roundId, Known(done), null, StatusCodes.Status200OK));
        ops.MapPost("/rounds/{roundId}/day", Act);
        ops.MapGet("/rounds/{roundId}/ceremony", Ceremony);
        return ops;
    }

    /// <summary>The ceremony screen, read through the award sheet's own reader; before results exist, a 409 page in words.</summary>
    static async Task<IResult> Ceremony(HttpContext http, string roundId, string? step)
    {
        if (OpsEndpoints.RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        var round = await http.RequestServices.GetRequiredService<Storage.RoundStore>().GetAsync(roundId, http.RequestAborted);
        if (round is null) return await OpsEndpoints.NotFoundAsync(http, text, id, roundId);
        var frame = OpsFrame.For(http, text, text.Ceremony, id);
        var sheet = await AwardSheetReader.LoadAsync(http, frame, round, AwardSheetQuery.From(new QueryCollection()));
        return sheet is null
            ? await OpsHtml.PageAsync<Components.MessagePage>(http, new MessageModel(frame, round.Title, text.NotAllocated, $"/ops/rounds/{Uri.EscapeDataString(roundId)}"), StatusCodes.Status409Conflict)
            : await OpsHtml.PageAsync<Components.CeremonyPage>(http, new CeremonyModel(sheet, int.TryParse(step, out var n) ? n : 1));
    }

    static async Task<IResult> Page(HttpContext http, string roundId, string? done, string? error, int status)
    {
        if (OpsEndpoints.RequireSession(http, out var redirect) is not { } id) return redirect!;
        var text = OpsText.For(http);
        var model = await DayPageReader.LoadAsync(http, OpsFrame.For(http, text, text.PresentationDay, id), roundId, done, error);
        if (model is null) return await OpsEndpoints.NotFoundAsync(http, text, id, roundId);
        OpsEndpoints.Refresh(http, status == StatusCodes.Status200OK && model.Running && model.RefreshOn);
        return await OpsHtml.PageAsync<Components.DayPage>(http, model, status);
    }

    static async Task<IResult> Act(HttpContext http, DurableTaskClient durable, string roundId)
    {
        if (OpsEndpoints.RequireSession(http, out var redirect) is not { } id) return redirect!;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!http.RequestServices.GetRequiredService<OpsSession>().CsrfMatches(id, form[OpsSession.CsrfField])) return Results.BadRequest();
        var action = Known(form["do"]);
        var districtId = form["districtId"].ToString();
        if (action is null || districtId.Length == 0) return Results.BadRequest();

        var day = http.RequestServices.GetRequiredService<PresentationDay>();
        var ct = http.RequestAborted;
        // "Open next" closes the case on the page first; that case may have become final by itself meanwhile (a conflict to ignore).
        if (action == OpenNext && form["close"].ToString() is { Length: > 0 } current)
        {
            var closing = await day.CloseAsync(roundId, current, durable, ct);
            if (closing.Status == OperatorActionStatus.NotFound) return await Refused(http, roundId, closing);
        }

        var result = action == Close ? await day.CloseAsync(roundId, districtId, durable, ct) : await day.OpenAsync(roundId, districtId, ct);
        if (result.Status != OperatorActionStatus.Accepted) return await Refused(http, roundId, result);
        return Results.Redirect($"/ops/rounds/{Uri.EscapeDataString(roundId)}/day?done={action}");
    }

    /// <summary>The page again with the refusal in words: the core's detail (English) after the page language's own sentence.</summary>
    static Task<IResult> Refused(HttpContext http, string roundId, OperatorActionResult result)
    {
        var text = OpsText.For(http);
        var (status, words) = result.Status switch
        {
            OperatorActionStatus.NotFound => (StatusCodes.Status404NotFound, text.NotFound),
            OperatorActionStatus.Invalid => (StatusCodes.Status400BadRequest, text.Failed),
            _ => (StatusCodes.Status409Conflict, text.DayConflict),
        };
        var detail = result.Detail ?? string.Join(" ", result.Errors?.Select(e => e.Message) ?? []);
        return Page(http, roundId, null, $"{words} ({detail})", status);
    }

    static string? Known(string? action) => action is Open or Close or OpenNext ? action : null;
}
