using System.Globalization;
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

        var rubric = holder!.Round.Settings().Rubric;
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
                OutcomeReasons.CaseNotOpen => t.CaseNotOpen,
                OutcomeReasons.Recused => t.RecusedNotice,
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
        var cases = (await services.GetRequiredService<CaseStore>().ListAsync(roundId, http.RequestAborted))
            .Where(c => c.Status is CaseStatus.Judging or CaseStatus.Final).ToList();
        var names = (await services.GetRequiredService<RoundStore>().GetDistrictsAsync(roundId, http.RequestAborted)).ToDictionary(d => d.RowKey, d => d.Name, StringComparer.Ordinal);
        var mine = (await services.GetRequiredService<ScoreStore>().ListAsync(roundId, http.RequestAborted))
            .Where(s => s.JudgeId == judgeId).ToDictionary(s => s.DistrictId, StringComparer.Ordinal);
        var files = cases.Count == 0 ? null : await services.GetRequiredService<AttachmentStore>().ListRoundAsync(roundId, http.RequestAborted);
        var items = cases
            .Select(c => new JudgePageModel.Item(c, names.GetValueOrDefault(c.RowKey, c.RowKey), files?[c.RowKey].ToList() ?? [], mine.GetValueOrDefault(c.RowKey)))
            .OrderBy(i => i.DistrictName, StringComparer.Ordinal).ThenBy(i => i.DistrictId, StringComparer.Ordinal).ToList();
        // On the presentation day: the open case first, then the running order; the page refreshes while the judge waits.
        var live = round.Settings().Judging == JudgingMode.Live
            ? await services.GetRequiredService<PresentationDay>().SnapshotAsync(roundId, cases, http.RequestAborted) : null;
        string? presenting = null;
        var waiting = false;
        if (live is not null)
        {
            items = [.. items.OrderBy(i => i.DistrictId == live.Current ? 0 : 1).ThenBy(i => live.Order.GetValueOrDefault(i.DistrictId, int.MaxValue))];
            presenting = items.FirstOrDefault(i => i.DistrictId == live.Current)?.DistrictName;
            waiting = items.FirstOrDefault(i => i.DistrictId == live.Current && !i.Scored && !i.Recused) is null;
            if (waiting) http.Response.Headers["Refresh"] = "15";
        }

        var recusedName = items.FirstOrDefault(i => i.DistrictId == http.Request.Query["recused"].ToString())?.DistrictName;
        var attempt = state.DistrictId is { } districtId
            ? new JudgePageModel.Attempt(districtId, state.Posted, state.PostedComment, state.Errors ?? new Dictionary<string, string>(), state.Notice, state.NoticeKind)
            : null;
        var model = new JudgePageModel(t, Home(http), Base(http, token), services.GetRequiredService<FormGuard>().FieldValue(http, token),
            holder.Participant.Name, round.Title, round.JudgingDeadline, items, round.Settings().Rubric, state.Notice, state.NoticeKind,
            items.FirstOrDefault(i => i.DistrictId == savedDistrictId)?.DistrictName, attempt)
        {
            Live = live is not null,
            PresentingDistrictName = presenting,
            DoneWithPresenting = presenting is not null && waiting,
            RecusedDistrictName = recusedName,
        };
        return new PageResult<Components.JudgeView>(model, state.Status);
    }
}
