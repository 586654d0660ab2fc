using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;
using WelfareFlow.Http;
using WelfareFlow.Http.OpenApi;
using WelfareFlow.Telemetry;

namespace WelfareFlow.Ops;

/// <summary>What operators get on the Server besides the API: the dashboard, <c>/healthz</c>, the OpenAPI
/// document and (in Development) the Scalar API reference.</summary>
public static class OpsSetup
{
    public static IServiceCollection AddWelfareFlowOps(this IServiceCollection services)
    {
        services.AddSingleton<OpsSession>();
        services.AddWelfareFlowOpenApi();
        return services;
    }

    public static WebApplication MapWelfareFlowOps(this WebApplication app)
    {
        app.UseWelfareFlowMetrics();
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/ops"))
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = OpsHtml.ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
            }

            await next(http);
        });
        app.MapGet("/healthz", ManagementEndpoints.Health).WithName("Health").ExcludeFromDescription();
        app.MapOpenApi();
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference();
        app.MapOpsDashboard();
        return app;
    }
}
