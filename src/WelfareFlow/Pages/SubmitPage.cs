using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Attachments;
using WelfareFlow.Cases;
using WelfareFlow.Contracts;
using WelfareFlow.Links;
using WelfareFlow.Storage;
using static WelfareFlow.Pages.PageLayout;

namespace WelfareFlow.Pages;

/// <summary><c>/submit/{token}</c>: a district's case, its files and its status; editable while intake is open.
/// Every change goes through <see cref="CaseSubmissions"/> or <see cref="CaseAttachments"/>, as over the API.</summary>
public static class SubmitPage
{
    sealed record View(PageAccess.Holder Holder, CaseRow? Case, List<AttachmentInfo> Files)
    {
        public RoundRow Round => Holder.Round;
        public ParticipantRow District => Holder.Participant;
        public bool Open => Round.Phase == RoundPhase.Submission && Case is null or { Status: CaseStatus.Submitted };
    }

    /// <summary>What a failed post brings back to the page: the person's input, field errors, a message.</summary>
    sealed record State(int Status = StatusCodes.Status200OK, CaseSubmission? Posted = null, IReadOnlyDictionary<string, string>? Errors = null, string? Notice = null, string NoticeKind = "ok");

    public static async Task<IResult> Get(HttpContext http, string token)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Submit);
        if (denied is not null) return denied;
        var notice = http.Request.Query["done"].ToString() switch
        {
            "saved" => t.Saved,
            "uploaded" => t.Uploaded,
            "deleted" => t.Deleted,
            _ => null,
        };
        return await RenderAsync(http, t, token, holder!, new State(Notice: notice));
    }

    public static async Task<IResult> PostCase(HttpContext http, string token)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Submit);
        if (denied is not null) return denied;
        var (form, failure) = await UploadForm.ReadAsync(http.Request);
        if (form is null)
        {
            return await RenderAsync(http, t, token, holder!, new State(failure == UploadForm.Failure.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                Notice: t.TooLong(CaseSubmissions.MaxSummary), NoticeKind: "err"));
        }

        var posted = new CaseSubmission(form["title"], form["summary"], form["category"]);
        if (!http.RequestServices.GetRequiredService<FormGuard>().IsValid(http, form, token))
        {
            return await RenderAsync(http, t, token, holder!, new State(StatusCodes.Status400BadRequest, posted, Notice: t.FormExpired, NoticeKind: "err"));
        }

        var outcome = await http.RequestServices.GetRequiredService<CaseSubmissions>().SubmitAsync(holder!.Claims.RoundId, holder.Claims.Subject, posted, http.RequestAborted);
        return outcome.Status switch
        {
            OutcomeStatus.Created or OutcomeStatus.Updated => PageResponses.SeeOther(http, Base(http, token) + "?done=saved"),
            OutcomeStatus.Invalid => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status400BadRequest, posted, FieldErrors(t, posted, outcome.Errors.Select(e => e.Field)))),
            OutcomeStatus.NotFound => PageResponses.NotFound(http, t),
            _ => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status409Conflict, Notice: t.SubmissionsClosed, NoticeKind: "err")),
        };
    }

    public static async Task<IResult> PostAttachment(HttpContext http, string token)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Submit);
        if (denied is not null) return denied;
        var (form, failure) = await UploadForm.ReadAsync(http.Request);
        if (form is null)
        {
            return failure == UploadForm.Failure.TooLarge
                ? await RenderAsync(http, t, token, holder!, FileError(StatusCodes.Status413PayloadTooLarge, t.FileTooLarge))
                : await RenderAsync(http, t, token, holder!, FileError(StatusCodes.Status400BadRequest, t.NoFile));
        }

        if (!http.RequestServices.GetRequiredService<FormGuard>().IsValid(http, form, token))
        {
            return await RenderAsync(http, t, token, holder!, new State(StatusCodes.Status400BadRequest, Notice: t.FormExpired, NoticeKind: "err"));
        }

        var file = form.Files.GetFile("file");
        await using var content = file?.OpenReadStream();
        var outcome = await http.RequestServices.GetRequiredService<CaseAttachments>().AddAsync(holder!.Claims.RoundId, holder.Claims.Subject, file?.FileName, content, http.RequestAborted);
        return outcome.Status switch
        {
            OutcomeStatus.Created or OutcomeStatus.Updated => PageResponses.SeeOther(http, Base(http, token) + "?done=uploaded#files"),
            OutcomeStatus.Invalid => await RenderAsync(http, t, token, holder, FileError(StatusCodes.Status400BadRequest, t.NoFile)),
            OutcomeStatus.TooLarge => await RenderAsync(http, t, token, holder, FileError(StatusCodes.Status413PayloadTooLarge, t.FileTooLarge)),
            OutcomeStatus.UnsupportedType => await RenderAsync(http, t, token, holder, FileError(StatusCodes.Status415UnsupportedMediaType, t.WrongType)),
            OutcomeStatus.NotFound => PageResponses.NotFound(http, t),
            _ when outcome.Reason == OutcomeReasons.TooManyFiles => await RenderAsync(http, t, token, holder, FileError(StatusCodes.Status409Conflict, t.TooManyFiles)),
            _ => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status409Conflict, Notice: t.SubmissionsClosed, NoticeKind: "err")),
        };
    }

    public static async Task<IResult> PostDeleteAttachment(HttpContext http, string token, string id)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Submit);
        if (denied is not null) return denied;
        var (form, _) = await UploadForm.ReadAsync(http.Request);
        if (form is null || !http.RequestServices.GetRequiredService<FormGuard>().IsValid(http, form, token))
        {
            return await RenderAsync(http, t, token, holder!, new State(StatusCodes.Status400BadRequest, Notice: t.FormExpired, NoticeKind: "err"));
        }

        var outcome = await http.RequestServices.GetRequiredService<CaseAttachments>().DeleteAsync(holder!.Claims.RoundId, holder.Claims.Subject, id, http.RequestAborted);
        return outcome.Status switch
        {
            OutcomeStatus.Created or OutcomeStatus.Updated => PageResponses.SeeOther(http, Base(http, token) + "?done=deleted#files"),
            OutcomeStatus.NotFound when outcome.Reason == OutcomeReasons.NoAttachment => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status404NotFound, Notice: t.NoAttachment, NoticeKind: "err")),
            OutcomeStatus.NotFound => PageResponses.NotFound(http, t),
            _ => await RenderAsync(http, t, token, holder, new State(StatusCodes.Status409Conflict, Notice: t.SubmissionsClosed, NoticeKind: "err")),
        };
    }

    public static async Task<IResult> Download(HttpContext http, string token, string id)
    {
        var t = PageLanguage.Resolve(http);
        var (holder, denied) = await PageAccess.RequireAsync(http, t, token, LinkPurposes.Submit);
        if (denied is not null) return denied;
        return await AttachmentEndpoints.FileResultAsync(http, holder!.Claims.RoundId, holder.Claims.Subject, id) ?? PageResponses.NotFound(http, t);
    }

    static State FileError(int status, string message) => new(status, Errors: new Dictionary<string, string> { ["file"] = message });

    static Dictionary<string, string> FieldErrors(PageText t, CaseSubmission posted, IEnumerable<string> fields) =>
        fields.Distinct().ToDictionary(f => f, f => string.IsNullOrWhiteSpace(f switch { "title" => posted.Title, "summary" => posted.Summary, _ => posted.Category })
            ? t.Required
            : t.TooLong(f switch { "title" => CaseSubmissions.MaxTitle, "summary" => CaseSubmissions.MaxSummary, _ => CaseSubmissions.MaxCategory }));

    static string Base(HttpContext http, string token) => $"{http.Request.PathBase}/submit/{token}";

    static async Task<IResult> RenderAsync(HttpContext http, PageText t, string token, PageAccess.Holder holder, State state)
    {
        var services = http.RequestServices;
        var roundId = holder.Claims.RoundId;
        var districtId = holder.Claims.Subject;
        var view = new View(holder,
            await services.GetRequiredService<CaseStore>().GetAsync(roundId, districtId, http.RequestAborted),
            await services.GetRequiredService<AttachmentStore>().ListAsync(roundId, districtId, http.RequestAborted));
        var model = new SubmitPageModel(t, Home(http), Base(http, token), services.GetRequiredService<FormGuard>().FieldValue(http, token),
            view.District.Name, view.Round.Title, view.Round.SubmissionDeadline, StatusText(t, view), view.Open, view.Case,
            state.Posted ?? new CaseSubmission(view.Case?.Title, view.Case?.Summary, view.Case?.Category),
            state.Errors ?? new Dictionary<string, string>(), state.Notice, state.NoticeKind, view.Files);
        return new PageResult<Components.SubmitView>(model, state.Status);
    }

    static string StatusText(PageText t, View view) => view.Case switch
    {
        null => view.Open ? t.StatusNone : t.StatusNotSubmitted,
        { Status: CaseStatus.NotSubmitted } => t.StatusNotSubmitted,
        { Status: CaseStatus.Judging } => t.StatusJudging,
        { Status: CaseStatus.Final } => t.StatusFinal,
        var c => t.StatusSubmitted(c.Revision, c.UpdatedAt is { } at ? t.Time(at) : ""),
    };
}
