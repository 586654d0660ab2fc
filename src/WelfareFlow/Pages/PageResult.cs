using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Pages;

/// <summary>A link page as an answer: <typeparamref name="TPage"/> rendered with its model when the answer is written,
/// with the pages' security headers.</summary>
public sealed class PageResult<TPage>(object model, int status) : IResult, IStatusCodeHttpResult where TPage : IComponent
{
    public int? StatusCode => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = await ComponentHtml.PageAsync<TPage>(httpContext.RequestServices, model);
        await PageResponses.Html(httpContext, html, status).ExecuteAsync(httpContext);
    }
}
