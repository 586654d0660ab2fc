using System.Text;
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
        public bool Open => Round.Phase == RoundPhases.Submission && Case is null or { Status: CaseStatuses.Submitted };
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
        var csrf = FormGuard.HiddenInput(services.GetRequiredService<FormGuard>().FieldValue(http, token));
        var action = Base(http, token);
        var errors = state.Errors ?? new Dictionary<string, string>();

        var main = new StringBuilder();
        main.Append($"<h1>{E(t.SubmitHeading(view.District.Name))}</h1><p class=\"lead\">{E(view.Round.Title)}</p>");
        if (state.Notice is not null) main.Append(Notice(state.NoticeKind, state.Notice));
        if (!view.Open) main.Append(Notice("info", t.SubmissionsClosed));

        main.Append($"<section class=\"card\" aria-labelledby=\"status-h\"><h2 id=\"status-h\">{E(t.Status)}</h2><dl class=\"facts\">")
            .Append($"<dt>{E(t.Deadline)}</dt><dd><time datetime=\"{view.Round.SubmissionDeadline:O}\">{E(t.Time(view.Round.SubmissionDeadline))}</time></dd>")
            .Append($"<dt>{E(t.Status)}</dt><dd>{E(StatusText(t, view))}</dd></dl></section>");

        main.Append($"<section class=\"card\" aria-labelledby=\"case-h\"><h2 id=\"case-h\">{E(t.YourCase)}</h2>");
        if (view.Open)
        {
            var values = state.Posted ?? new CaseSubmission(view.Case?.Title, view.Case?.Summary, view.Case?.Category);
            if (errors.Keys.Any(k => k != "file")) main.Append(Notice("err", t.ErrorSummary));
            main.Append($"<form method=\"post\" action=\"{E(action)}\">{csrf}")
                .Append(TextField("title", t.FieldTitle, null, values.Title, CaseSubmissions.MaxTitle, errors))
                .Append(TextField("category", t.FieldCategory, t.FieldCategoryHint, values.Category, CaseSubmissions.MaxCategory, errors))
                .Append(TextArea("summary", t.FieldSummary, t.FieldSummaryHint, values.Summary, CaseSubmissions.MaxSummary, errors))
                .Append($"<button type=\"submit\">{E(view.Case is null ? t.SubmitFirst : t.SubmitEdit)}</button></form>");
        }
        else if (view.Case is { Status: not CaseStatuses.NotSubmitted } submitted)
        {
            main.Append($"<dl class=\"facts\"><dt>{E(t.FieldTitle)}</dt><dd>{E(submitted.Title)}</dd><dt>{E(t.FieldCategory)}</dt><dd>{E(submitted.Category)}</dd></dl>")
                .Append($"<h3>{E(t.FieldSummary)}</h3><p class=\"text\">{E(submitted.Summary)}</p>");
        }
        else
        {
            main.Append($"<p>{E(t.StatusNotSubmitted)}</p>");
        }

        main.Append("</section>");
        main.Append(FilesSection(t, view, action, csrf, errors));
        return PageResponses.Html(http, Render(http, t, t.SubmitTitle, main.ToString()), state.Status);
    }

    static string FilesSection(PageText t, View view, string action, string csrf, IReadOnlyDictionary<string, string> errors)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"files\" aria-labelledby=\"files-h\"><h2 id=\"files-h\">{E(t.Attachments)}</h2>");
        html.Append($"<p class=\"hint\" id=\"files-hint\">{E(t.AttachmentsHint)}</p>");
        if (view.Files.Count == 0)
        {
            html.Append($"<p>{E(t.NoAttachments)}</p>");
        }
        else
        {
            html.Append("<ul class=\"files\">");
            foreach (var file in view.Files)
            {
                html.Append($"<li><span><a href=\"{E(action)}/attachments/{E(file.Id)}\">{E(file.FileName)}</a> <span class=\"size\">{E(t.Size(file.Size))}</span></span>");
                if (view.Open)
                {
                    html.Append($"<form method=\"post\" action=\"{E(action)}/attachments/{E(file.Id)}/delete\">{csrf}<button class=\"quiet\" type=\"submit\">{E(t.Delete)}<span class=\"vh\"> {E(file.FileName)}</span></button></form>");
                }

                html.Append("</li>");
            }

            html.Append("</ul>");
        }

        if (view.Open && view.Files.Count < AttachmentKinds.MaxPerCase)
        {
            var error = errors.GetValueOrDefault("file");
            html.Append($"<form method=\"post\" action=\"{E(action)}/attachments\" enctype=\"multipart/form-data\">{csrf}")
                .Append($"<label for=\"file\">{E(t.ChooseFile)}</label>")
                .Append($"<input type=\"file\" id=\"file\" name=\"file\" accept=\"{AttachmentKinds.Accept}\" required aria-describedby=\"files-hint{(error is null ? "" : " file-error")}\"{Invalid(error)}>")
                .Append(ErrorText("file", error))
                .Append($"<button type=\"submit\">{E(t.Upload)}</button></form>");
        }
        else if (view.Open)
        {
            html.Append(Notice("info", t.TooManyFiles));
        }

        return html.Append("</section>").ToString();
    }

    static string StatusText(PageText t, View view) => view.Case switch
    {
        null => view.Open ? t.StatusNone : t.StatusNotSubmitted,
        { Status: CaseStatuses.NotSubmitted } => t.StatusNotSubmitted,
        { Status: CaseStatuses.Judging } => t.StatusJudging,
        { Status: CaseStatuses.Final } => t.StatusFinal,
        var c => t.StatusSubmitted(c.Revision, c.UpdatedAt is { } at ? t.Time(at) : ""),
    };

    static string TextField(string name, string label, string? hint, string? value, int max, IReadOnlyDictionary<string, string> errors)
    {
        var error = errors.GetValueOrDefault(name);
        return $"<label for=\"{name}\">{E(label)}</label>{Hint(name, hint)}<input type=\"text\" id=\"{name}\" name=\"{name}\" value=\"{E(value)}\" maxlength=\"{max}\" required{Described(name, hint, error)}{Invalid(error)}>{ErrorText(name, error)}";
    }

    static string TextArea(string name, string label, string? hint, string? value, int max, IReadOnlyDictionary<string, string> errors)
    {
        var error = errors.GetValueOrDefault(name);
        return $"<label for=\"{name}\">{E(label)}</label>{Hint(name, hint)}<textarea id=\"{name}\" name=\"{name}\" rows=\"10\" maxlength=\"{max}\" required{Described(name, hint, error)}{Invalid(error)}>{E(value)}</textarea>{ErrorText(name, error)}";
    }

    static string Hint(string name, string? hint) => hint is null ? "" : $"<span class=\"hint\" id=\"{name}-hint\">{E(hint)}</span>";

    static string Described(string name, string? hint, string? error)
    {
        var ids = string.Join(' ', new[] { hint is null ? null : $"{name}-hint", error is null ? null : $"{name}-error" }.OfType<string>());
        return ids.Length == 0 ? "" : $" aria-describedby=\"{ids}\"";
    }

    internal static string Invalid(string? error) => error is null ? "" : " aria-invalid=\"true\"";

    internal static string ErrorText(string id, string? error) => error is null ? "" : $"<p class=\"error\" id=\"{id}-error\">{E(error)}</p>";
}
