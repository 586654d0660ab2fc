using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Storage;
using static WelfareFlow.Ops.OpsHtml;

namespace WelfareFlow.Ops;

/// <summary>
/// The printable award sheet of a round: one section per tier, the special awards, the judging panel and the
/// agreement statistics, from the same results the API returns. Print CSS hides the navigation (print to PDF).
/// </summary>
public static class AwardSheet
{
    public static async Task<IResult> Render(HttpContext http, string roundId)
    {
        if (OpsEndpoints.RequireSession(http, out var redirect) is not { } sessionId) return redirect!;
        var text = OpsText.For(http);
        var store = http.RequestServices.GetRequiredService<RoundStore>();
        var round = await store.GetAsync(roundId, http.RequestAborted);
        if (round is null) return Results.NotFound();

        var body = new StringBuilder("<div class=\"sheet\">");
        body.Append($"<p class=\"noprint\"><a href=\"/ops/rounds/{E(Uri.EscapeDataString(roundId))}\">← {E(text["back"])}</a> · {E(text["print"])}</p>");
        body.Append($"<h1>{E(round.Title)}</h1><p>{E(text["awardSheet"])} · {E(roundId)}{(round.PublishedAt is { } p ? " · " + E(text["published"]) + " " + TimeTag(p) : "")}</p>");

        var response = await OperatorCall.SendAsync(http, "GET", $"/api/rounds/{Uri.EscapeDataString(roundId)}/results");
        if (response is not { Succeeded: true })
        {
            body.Append($"<p class=\"error\">{E(text["notAllocated"])}</p></div>");
            return Result(Page(http, text, text["awardSheet"], body.ToString(), csrf: http.RequestServices.GetRequiredService<OpsSession>().CsrfToken(sessionId)), StatusCodes.Status409Conflict);
        }

        using var json = JsonDocument.Parse(response.Body);
        var results = json.RootElement;
        var awards = results.GetProperty("awards").EnumerateArray().ToList();
        var settings = Workflow.WorkflowActivities.Settings(round);
        body.Append($"<p>{E(text["aggregation"])}: {E(results.GetProperty("aggregation").GetString())}</p>");

        foreach (var tier in settings.Tiers)
        {
            var inTier = awards.Where(a => a.GetProperty("tier").GetString() == tier.Id).ToList();
            body.Append($"<section><h2>{E(tier.Label)} <span class=\"muted\">({inTier.Count}/{tier.Quota})</span></h2>");
            AwardTable(body, text, inTier);
            body.Append("</section>");
        }

        var unplaced = awards.Where(a => a.GetProperty("tier").ValueKind == JsonValueKind.Null).ToList();
        if (unplaced.Count > 0)
        {
            body.Append($"<section><h2>{E(text["noTier"])}</h2>");
            AwardTable(body, text, unplaced);
            body.Append("</section>");
        }

        body.Append($"<section><h2>{E(text["specialAwards"])}</h2>");
        var specials = results.GetProperty("specialAwards").EnumerateArray().ToList();
        if (specials.Count == 0)
        {
            body.Append("<p class=\"muted\">—</p>");
        }
        else
        {
            body.Append($"<table><thead><tr><th scope=\"col\">{E(text["awardTitle"])}</th><th scope=\"col\">{E(text["district"])}</th><th scope=\"col\">{E(text["reason"])}</th></tr></thead><tbody>");
            foreach (var s in specials)
            {
                body.Append($"<tr><td>{E(Str(s, "title"))}</td><td>{E(Str(s, "districtName"))}</td><td>{E(Str(s, "reason"))}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("</section>");

        var agreement = results.GetProperty("agreement");
        var figures = agreement.TryGetProperty("judges", out var j) ? j.EnumerateArray().ToDictionary(x => Str(x, "judgeId"), StringComparer.Ordinal) : [];
        body.Append($"<section><h2>{E(text["panel"])}</h2><table><thead><tr><th scope=\"col\">{E(text["judge"])}</th><th scope=\"col\">{E(text["scored"])}</th>");
        body.Append($"<th scope=\"col\">Mean</th><th scope=\"col\">SD</th><th scope=\"col\">r</th></tr></thead><tbody>");
        foreach (var judge in (await store.GetJudgesAsync(roundId, http.RequestAborted)).OrderBy(x => x.RowKey, StringComparer.Ordinal))
        {
            JsonElement? f = figures.TryGetValue(judge.RowKey, out var found) ? found : null;
            body.Append($"<tr><th scope=\"row\">{E(judge.Name)} <span class=\"muted\">({E(judge.RowKey)})</span></th>");
            body.Append($"<td class=\"num\">{Num(f, "casesScored", "0")}</td><td class=\"num\">{Num(f, "mean")}</td><td class=\"num\">{Num(f, "stdDev")}</td><td class=\"num\">{Num(f, "correlationWithOthers")}</td></tr>");
        }

        body.Append("</tbody></table></section>");
        body.Append($"<section><h2>{E(text["agreement"])}</h2><dl class=\"facts\">");
        body.Append($"<dt>Kendall's W</dt><dd>{Num(agreement, "kendallW", "0.000")}</dd><dt>ICC(3,k)</dt><dd>{Num(agreement, "icc3k", "0.000")}</dd>");
        body.Append($"<dt>{E(text["cases"])}</dt><dd>{Num(agreement, "completeCases", "0")}</dd></dl></section></div>");
        return Result(Page(http, text, text["awardSheet"], body.ToString(), csrf: http.RequestServices.GetRequiredService<OpsSession>().CsrfToken(sessionId)));
    }

    static void AwardTable(StringBuilder body, OpsText text, List<JsonElement> rows)
    {
        if (rows.Count == 0)
        {
            body.Append("<p class=\"muted\">—</p>");
            return;
        }

        body.Append($"<table><thead><tr><th scope=\"col\">{E(text["rank"])}</th><th scope=\"col\">{E(text["district"])}</th><th scope=\"col\">{E(text["score"])}</th></tr></thead><tbody>");
        foreach (var a in rows)
        {
            body.Append($"<tr><td class=\"num\">{Num(a, "rank", "0")}</td><th scope=\"row\">{E(Str(a, "districtName"))}</th><td class=\"num\">{Num(a, "score", "0.00")}</td></tr>");
        }

        body.Append("</tbody></table>");
    }

    static string Str(JsonElement element, string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    static string Num(JsonElement? element, string name, string format = "0.00") =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "—";
}
