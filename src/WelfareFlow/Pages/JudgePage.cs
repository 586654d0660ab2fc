using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Attachments;
using WelfareFlow.Cases;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Links;
using WelfareFlow.Live;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;
using static WelfareFlow.Pages.PageLayout;

namespace WelfareFlow.Pages;

/// <summary><c>/judge/{token}</c>: every case of the round in judging, with its text, files, the rubric and the
/// judge's score form; scores are saved through <see cref="Scoring"/>, exactly as over the API.</summary>
public static class JudgePage
{
    sealed record Item(CaseRow Case, string DistrictName, IReadOnlyList<AttachmentInfo> Files, ScoreRow? Score)
    {
        public string DistrictId => Case.RowKey;
        public bool Final => Case.Status == CaseStatuses.Final || Score is { Final: true };
        public bool Scored => Score is { Scored: true };
        public bool Recused => Score is { Recused: true, Scored: false };
    }

    /// <summary>What a failed post brings back: which case, what the judge typed, field errors, a message.</summary>
    sealed record State(
        int Status = StatusCodes.Status200OK, string? DistrictId = null, IReadOnlyDictionary<string, string>? Posted = null, string? PostedComment = null,
        IReadOnlyDictionary<string, string>? Errors = null, string? Notice = null, string NoticeKind = "ok");

    public static async Task<IResult> Get(HttpContext http, string token)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Judge);
        if (denied is not null) return denied;
        return await RenderAsync(http, t, token, holder!, new State(), savedDistrictId: http.Request.Query["saved"].ToString());
    }

    public static async Task<IResult> PostScore(HttpContext http, DurableTaskClient durable, string token, string districtId)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Judge);
        if (denied is not null) return denied;
        var (form, _) = await UploadForm.ReadAsync(http.Request);
        if (form is null) return await RenderAsync(http, t, token, holder!, new State(StatusCodes.Status400BadRequest, districtId, Notice: t.FormExpired, NoticeKind: "err"));

        var rubric = WorkflowActivities.Settings(holder!.Round).Rubric;
        var posted = rubric.ToDictionary(c => c.Id, c => form[$"c.{c.Id}"].ToString().Trim(), StringComparer.Ordinal);
        var comment = form["comment"].ToString();
        if (!http.RequestServices.GetRequiredService<FormGuard>().IsValid(http, form, token))
        {
            return await RenderAsync(http, t, token, holder, new State(StatusCodes.Status400BadRequest, districtId, posted, comment, Notice: t.FormExpired, NoticeKind: "err"));
        }

        // Unreadable numbers are field errors here; everything else is the shared validation's.
        var criteria = new Dictionary<string, double>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var criterion in rubric)
        {
            var raw = posted[criterion.Id].Replace(',', '.');
            if (raw.Length == 0) errors[criterion.Id] = t.Required;
            else if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var points)) criteria[criterion.Id] = points;
            else errors[criterion.Id] = t.PointsRange(PageText.Points(criterion.MaxPoints));
        }

        if (errors.Count > 0) return await RenderAsync(http, t, token, holder, new State(StatusCodes.Status400BadRequest, districtId, posted, comment, errors));

        var outcome = await http.RequestServices.GetRequiredService<Scoring>()
            .SaveAsync(durable, holder.Claims.RoundId, districtId, holder.Claims.Subject, new ScoreSubmission(criteria, comment), http.RequestAborted);
        return outcome.Status switch
        {
            OutcomeStatus.Created or OutcomeStatus.Updated =>
                PageResponses.SeeOther(http, $"{Base(http, token)}?saved={Uri.EscapeDataString(districtId)}#case-{Uri.EscapeDataString(districtId)}"),
            OutcomeStatus.Invalid => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status400BadRequest, districtId, posted, comment, FieldErrors(t, rubric, outcome.Errors))),
            OutcomeStatus.NotFound => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status404NotFound, Notice: t.NoCase, NoticeKind: "err")),
            _ => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status409Conflict, districtId, Notice: outcome.Reason switch
            {
                OutcomeReasons.JudgingNotStarted => t.JudgingNotStarted,
                OutcomeReasons.CaseNotOpen => LiveJudgeText.NotOpen(t),
                OutcomeReasons.Recused => LiveJudgeText.Recused(t),
                _ => t.CaseFinal,
            }, NoticeKind: "err")),
        };
    }

    /// <summary>The judge declares a conflict of interest on a case, as over the API.</summary>
    public static async Task<IResult> PostRecusal(HttpContext http, DurableTaskClient durable, string token, string districtId)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Judge);
        if (denied is not null) return denied;
        var (form, _) = await UploadForm.ReadAsync(http.Request);
        if (form is null || !http.RequestServices.GetRequiredService<FormGuard>().IsValid(http, form, token))
            return await RenderAsync(http, t, token, holder!, new State(StatusCodes.Status400BadRequest, districtId, Notice: t.FormExpired, NoticeKind: "err"));

        var outcome = await http.RequestServices.GetRequiredService<Recusals>().RecordAsync(
            durable, holder!.Claims.RoundId, districtId, holder.Claims.Subject, new RecusalRequest(form["reason"].ToString()), $"judge:{holder.Claims.Subject}", http.RequestAborted);
        return outcome.Status switch
        {
            OutcomeStatus.Created or OutcomeStatus.Updated =>
                PageResponses.SeeOther(http, $"{Base(http, token)}?recused={Uri.EscapeDataString(districtId)}#case-{Uri.EscapeDataString(districtId)}"),
            OutcomeStatus.Invalid => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status400BadRequest, districtId, Notice: t.Required, NoticeKind: "err")),
            OutcomeStatus.NotFound => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status404NotFound, Notice: t.NoCase, NoticeKind: "err")),
            _ => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status409Conflict, districtId, Notice: t.CaseFinal, NoticeKind: "err")),
        };
    }

    public static async Task<IResult> Download(HttpContext http, string token, string districtId, string id)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Judge);
        if (denied is not null) return denied;
        var roundId = holder!.Claims.RoundId;
        if (!await http.RequestServices.GetRequiredService<CaseAttachments>().IsJudgeableAsync(roundId, districtId, http.RequestAborted)) return PageResponses.NotFound(http, t);
        return await AttachmentEndpoints.FileResultAsync(http, roundId, districtId, id) ?? PageResponses.NotFound(http, t);
    }

    static Dictionary<string, string> FieldErrors(PageText t, IReadOnlyList<Criterion> rubric, IEnumerable<ValidationError> errors)
    {
        var byField = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            if (error.Field == "comment")
            {
                byField["comment"] = t.TooLong(Scoring.MaxComment);
                continue;
            }

            foreach (var criterion in rubric.Where(c => error.Field == "criteria" || error.Field == $"criteria.{c.Id}" || error.Field.Contains($"'{c.Id}'", StringComparison.Ordinal)))
            {
                byField[criterion.Id] = t.PointsRange(PageText.Points(criterion.MaxPoints));
            }
        }

        return byField;
    }

    static string Base(HttpContext http, string token) => $"{http.Request.PathBase}/judge/{token}";

    static async Task<IResult> RenderAsync(HttpContext http, PageText t, string token, PageAccess.Holder holder, State state, string? savedDistrictId = null)
    {
        var services = http.RequestServices;
        var round = holder.Round;
        var roundId = holder.Claims.RoundId;
        var judgeId = holder.Claims.Subject;
        var rubric = WorkflowActivities.Settings(round).Rubric;
        var maxTotal = rubric.Sum(c => c.MaxPoints);
        var cases = (await services.GetRequiredService<CaseStore>().ListAsync(roundId, http.RequestAborted))
            .Where(c => c.Status is CaseStatuses.Judging or CaseStatuses.Final).ToList();
        var names = (await services.GetRequiredService<RoundStore>().GetDistrictsAsync(roundId, http.RequestAborted)).ToDictionary(d => d.RowKey, d => d.Name, StringComparer.Ordinal);
        var mine = (await services.GetRequiredService<ScoreStore>().ListAsync(roundId, http.RequestAborted))
            .Where(s => s.JudgeId == judgeId).ToDictionary(s => s.DistrictId, StringComparer.Ordinal);
        var files = cases.Count == 0 ? null : await services.GetRequiredService<AttachmentStore>().ListRoundAsync(roundId, http.RequestAborted);
        var items = cases
            .Select(c => new Item(c, names.GetValueOrDefault(c.RowKey, c.RowKey), files?[c.RowKey].ToList() ?? [], mine.GetValueOrDefault(c.RowKey)))
            .OrderBy(i => i.DistrictName, StringComparer.Ordinal).ThenBy(i => i.DistrictId, StringComparer.Ordinal).ToList();
        // On the presentation day: the open case first, then the running order; the page refreshes while the judge waits.
        var live = WorkflowActivities.Settings(round).Judging == LiveJudging.Live
            ? await services.GetRequiredService<PresentationDay>().SnapshotAsync(roundId, cases, http.RequestAborted) : null;
        if (live is not null)
        {
            items = [.. items.OrderBy(i => i.DistrictId == live.Current ? 0 : 1).ThenBy(i => live.Order.GetValueOrDefault(i.DistrictId, int.MaxValue))];
            if (items.FirstOrDefault(i => i.DistrictId == live.Current && !i.Scored && !i.Recused) is null) http.Response.Headers["Refresh"] = "15";
        }

        var csrf = FormGuard.HiddenInput(services.GetRequiredService<FormGuard>().FieldValue(http, token));
        var action = Base(http, token);
        var scored = items.Count(i => i.Scored);

        var main = new StringBuilder();
        main.Append($"<h1>{E(t.JudgeHeading(holder.Participant.Name))}</h1><p class=\"lead\">{E(round.Title)}</p>");
        if (state.Notice is not null) main.Append(Notice(state.NoticeKind, state.Notice));
        if (items.FirstOrDefault(i => i.DistrictId == savedDistrictId) is { } saved) main.Append(Notice("ok", t.ScoreSaved(saved.DistrictName)));
        if (items.FirstOrDefault(i => i.DistrictId == http.Request.Query["recused"].ToString()) is { } recused) main.Append(Notice("ok", LiveJudgeText.RecusalSaved(t, recused.DistrictName)));
        if (live is not null) main.Append(items.FirstOrDefault(i => i.DistrictId == live.Current) is { } presenting ? Notice("info", LiveJudgeText.Presenting(t, presenting.DistrictName)) : Notice("info", LiveJudgeText.Waiting(t)));

        main.Append($"<section class=\"card\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">{E(t.Cases)}</h2><dl class=\"facts\">")
            .Append($"<dt>{E(t.JudgingDeadline)}</dt><dd><time datetime=\"{round.JudgingDeadline:O}\">{E(t.Time(round.JudgingDeadline))}</time></dd>");
        if (items.Count > 0) main.Append($"<dt>{E(t.StateColumn)}</dt><dd>{E(t.Progress(scored, items.Count))}</dd>");
        main.Append("</dl>");
        if (items.Count == 0)
        {
            main.Append(Notice("info", t.JudgingNotStarted));
        }
        else
        {
            if (scored == items.Count) main.Append(Notice("ok", t.AllDone));
            main.Append($"<table><caption class=\"vh\">{E(t.Cases)}</caption><thead><tr><th scope=\"col\">{E(t.CaseColumn)}</th><th scope=\"col\">{E(t.StateColumn)}</th><th scope=\"col\" class=\"num\">{E(t.TotalColumn)}</th></tr></thead><tbody>");
            foreach (var item in items)
            {
                var total = item.Scored ? $"{PageText.Points(Total(item.Score!))} / {PageText.Points(maxTotal)}" : "–";
                main.Append($"<tr><td><a href=\"#case-{E(item.DistrictId)}\">{E(item.DistrictName)}</a><br>{E(item.Case.Title)}</td><td>{StateBadge(t, item)}</td><td class=\"num\">{E(total)}</td></tr>");
            }

            main.Append("</tbody></table>");
        }

        main.Append("</section>");
        for (var index = 0; index < items.Count; index++)
        {
            main.Append(CaseSection(t, items[index], index, rubric, maxTotal, action, csrf, state.DistrictId == items[index].DistrictId ? state : null));
        }

        return PageResponses.Html(http, Render(http, t, t.JudgeTitle, main.ToString()), state.Status);
    }

    static string CaseSection(PageText t, Item item, int index, IReadOnlyList<Criterion> rubric, double maxTotal, string action, string csrf, State? state)
    {
        var id = E(item.DistrictId);
        var html = new StringBuilder($"<section class=\"card\" id=\"case-{id}\" aria-labelledby=\"case-{index}-h\">");
        html.Append($"<div class=\"case-head\"><h2 id=\"case-{index}-h\">{E(item.DistrictName)}: {E(item.Case.Title)}</h2>{StateBadge(t, item)}</div>")
            .Append($"<dl class=\"facts\"><dt>{E(t.District)}</dt><dd>{E(item.DistrictName)}</dd><dt>{E(t.FieldCategory)}</dt><dd>{E(item.Case.Category)}</dd></dl>")
            .Append($"<h3>{E(t.CaseText)}</h3><p class=\"text\">{E(item.Case.Summary)}</p>")
            .Append($"<h3>{E(t.Attachments)}</h3>");
        if (item.Files.Count == 0)
        {
            html.Append($"<p>{E(t.NoAttachments)}</p>");
        }
        else
        {
            html.Append("<ul class=\"files\">");
            foreach (var file in item.Files)
            {
                html.Append($"<li><span><a href=\"{E(action)}/cases/{id}/attachments/{E(file.Id)}\">{E(file.FileName)}</a> <span class=\"size\">{E(t.Size(file.Size))}</span></span></li>");
            }

            html.Append("</ul>");
        }

        html.Append($"<h3>{E(t.Score)}</h3>");
        if (state?.Notice is not null) html.Append(Notice(state.NoticeKind, state.Notice));
        var savedPoints = item.Scored ? WorkflowActivities.Criteria(item.Score!) : [];
        if (item.Scored) html.Append($"<p class=\"saved\">{E(t.SavedScore(PageText.Points(Total(item.Score!)), PageText.Points(maxTotal), item.Score!.Revision))}</p>");

        if (item.Final)
        {
            html.Append(Notice("info", t.CaseFinal));
            if (item.Scored)
            {
                html.Append("<dl class=\"facts\">");
                foreach (var criterion in rubric)
                {
                    html.Append($"<dt>{E(criterion.Title)}</dt><dd>{E(PageText.Points(savedPoints.GetValueOrDefault(criterion.Id)))} / {E(PageText.Points(criterion.MaxPoints))}</dd>");
                }

                html.Append($"<dt>{E(t.Comment)}</dt><dd>{E(item.Score!.Comment)}</dd></dl>");
            }

            return html.Append("</section>").ToString();
        }

        if (item.Recused) return html.Append(Notice("info", LiveJudgeText.Recused(t))).Append("</section>").ToString();
        var errors = state?.Errors ?? new Dictionary<string, string>();
        if (errors.Count > 0) html.Append(Notice("err", t.ErrorSummary));
        html.Append($"<form method=\"post\" action=\"{E(action)}/cases/{id}\">{csrf}<fieldset><legend class=\"vh\">{E(t.Score)}: {E(item.DistrictName)}</legend><div class=\"criteria\">");
        for (var c = 0; c < rubric.Count; c++)
        {
            var criterion = rubric[c];
            var field = $"s{index}-{c}";
            var value = state?.Posted?.GetValueOrDefault(criterion.Id) ?? (savedPoints.TryGetValue(criterion.Id, out var points) ? PageText.Points(points) : "");
            var error = errors.GetValueOrDefault(criterion.Id);
            html.Append($"<div><label for=\"{field}\">{E(criterion.Title)} ({E(t.MaxPoints(PageText.Points(criterion.MaxPoints)))})</label>")
                .Append($"<input type=\"number\" id=\"{field}\" name=\"c.{E(criterion.Id)}\" value=\"{E(value)}\" min=\"0\" max=\"{E(PageText.Points(criterion.MaxPoints))}\" step=\"0.5\" inputmode=\"decimal\" required")
                .Append(error is null ? "" : $" aria-describedby=\"{field}-error\"").Append(SubmitPage.Invalid(error)).Append('>')
                .Append(SubmitPage.ErrorText(field, error)).Append("</div>");
        }

        var commentError = errors.GetValueOrDefault("comment");
        var comment = state?.PostedComment ?? item.Score?.Comment ?? "";
        html.Append($"</div><label for=\"s{index}-comment\">{E(t.Comment)}</label>")
            .Append($"<textarea id=\"s{index}-comment\" name=\"comment\" rows=\"3\" maxlength=\"{Scoring.MaxComment}\"")
            .Append(commentError is null ? "" : $" aria-describedby=\"s{index}-comment-error\"").Append(SubmitPage.Invalid(commentError)).Append('>')
            .Append(E(comment)).Append("</textarea>").Append(SubmitPage.ErrorText($"s{index}-comment", commentError))
            .Append($"</fieldset><button type=\"submit\">{E(item.Scored ? t.ReviseScore : t.SaveScore)}</button></form>");
        if (!item.Scored)
        {
            html.Append($"<h3>{E(LiveJudgeText.RecuseHeading(t))}</h3><form method=\"post\" action=\"{E(action)}/cases/{id}/recusal\">{csrf}")
                .Append($"<label for=\"s{index}-reason\">{E(LiveJudgeText.RecuseReason(t))}</label><textarea id=\"s{index}-reason\" name=\"reason\" rows=\"2\" maxlength=\"{Recusals.MaxReason}\" required></textarea>")
                .Append($"<button type=\"submit\">{E(LiveJudgeText.RecuseButton(t))}</button></form>");
        }

        return html.Append("</section>").ToString();
    }

    static double Total(ScoreRow score) => WorkflowActivities.Criteria(score).Values.Sum();

    static string StateBadge(PageText t, Item item) => item switch
    {
        { Final: true } => $"<span class=\"state final\">{E(t.StateFinal)}</span>",
        { Scored: true } => $"<span class=\"state scored\">{E(t.StateScored)}</span>",
        { Recused: true } => $"<span class=\"state final\">{E(LiveJudgeText.RecusedBadge(t))}</span>",
        _ => $"<span class=\"state pending\">{E(t.StatePending)}</span>",
    };
}
