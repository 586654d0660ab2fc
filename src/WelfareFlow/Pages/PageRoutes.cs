using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Attachments;
using WelfareFlow.Cases;

namespace WelfareFlow.Pages;

/// <summary>The pages behind the emailed links, and the attachment API that goes with them.</summary>
public static class PageRoutes
{
    /// <summary>Ordinary forms are small; only the upload routes accept a file.</summary>
    const long MaxFormBytes = 1024 * 1024;

    public static IServiceCollection AddWelfareFlowPages(this IServiceCollection services)
    {
        services.AddSingleton<CaseSubmissions>();
        services.AddSingleton<Scoring>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<CaseAttachments>();
        services.AddSingleton<FormGuard>();
        return services;
    }

    public static IEndpointRouteBuilder MapWelfareFlowPages(this IEndpointRouteBuilder app)
    {
        var small = new RequestSizeLimitAttribute(MaxFormBytes);
        var upload = new RequestSizeLimitAttribute(UploadForm.MaxRequestBytes);

        var submit = app.MapGroup("/submit/{token}").AddEndpointFilter(SecurityHeaders).ExcludeFromDescription();
        submit.MapGet("/", SubmitPage.Get);
        submit.MapPost("/", SubmitPage.PostCase).WithMetadata(small);
        submit.MapPost("/attachments", SubmitPage.PostAttachment).WithMetadata(upload);
        submit.MapPost("/attachments/{id}/delete", SubmitPage.PostDeleteAttachment).WithMetadata(small);
        submit.MapGet("/attachments/{id}", SubmitPage.Download);

        var judge = app.MapGroup("/judge/{token}").AddEndpointFilter(SecurityHeaders).ExcludeFromDescription();
        judge.MapGet("/", JudgePage.Get);
        judge.MapPost("/cases/{districtId}", JudgePage.PostScore).WithMetadata(small);
        judge.MapPost("/cases/{districtId}/recusal", JudgePage.PostRecusal).WithMetadata(small);
        judge.MapGet("/cases/{districtId}/attachments/{id}", JudgePage.Download);

        app.MapAttachmentApi();
        return app;
    }

    static async ValueTask<object?> SecurityHeaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        PageLayout.ApplyHeaders(context.HttpContext);
        return await next(context);
    }
}
