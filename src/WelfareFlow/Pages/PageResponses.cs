using System.Text;
using Microsoft.AspNetCore.Http;
using WelfareFlow.Pages.Components;
using static WelfareFlow.Pages.PageLayout;

namespace WelfareFlow.Pages;

/// <summary>HTML answers, including the friendly refusals: a person who opens a bad link sees what to do, not a stack trace.</summary>
public static class PageResponses
{
    public static IResult Html(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        ApplyHeaders(http);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Message(HttpContext http, PageText t, int status, string title, string body) =>
        new PageResult<MessagePage>(new LinkMessage(t, Home(http), title, body), status);

    public static IResult InvalidLink(HttpContext http, PageText t) =>
        Message(http, t, StatusCodes.Status401Unauthorized, t.InvalidLinkTitle, t.InvalidLinkBody);

    public static IResult Forbidden(HttpContext http, PageText t) =>
        Message(http, t, StatusCodes.Status403Forbidden, t.ForbiddenTitle, t.ForbiddenBody);

    public static IResult NotFound(HttpContext http, PageText t) =>
        Message(http, t, StatusCodes.Status404NotFound, t.NotFoundTitle, t.NotFoundBody);

    public static IResult TooManyRequests(HttpContext http, int seconds)
    {
        var t = PageLanguage.Resolve(http);
        return Message(http, t, StatusCodes.Status429TooManyRequests, t.TooManyTitle, t.TooManyBody(seconds));
    }

    /// <summary>503 for a person at a link page while storage is down: the page, not the API's problem JSON.</summary>
    public static IResult Unavailable(HttpContext http, int seconds)
    {
        var t = PageLanguage.Resolve(http);
        return Message(http, t, StatusCodes.Status503ServiceUnavailable, t.TooManyTitle, t.UnavailableBody(seconds));
    }

    /// <summary>303 See Other: the browser follows with a GET, so reloading the result page never posts twice.</summary>
    public static IResult SeeOther(HttpContext http, string location)
    {
        ApplyHeaders(http);
        http.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
