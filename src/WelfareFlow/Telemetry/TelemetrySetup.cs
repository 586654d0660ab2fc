using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WelfareFlow.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs. Exporters only when asked: the console exporter with
/// <c>WelfareFlow:Telemetry:Console=true</c> (the console has the ordinary logs already), OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Secrets are masked before any provider or exporter sees them.
/// </summary>
public static class TelemetrySetup
{
    public const string ConsoleSetting = "WelfareFlow:Telemetry:Console";
    public const string OtlpSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Durable Task SDK's spans: orchestrations, activities, timers, events.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>
    /// Every logger of the host masks secrets before any provider sees a message, value or scope: the console, the
    /// OpenTelemetry exporters, and on the Functions worker the provider that sends each log to the Functions host,
    /// which writes it to Application Insights. Called by AddWelfareFlowCore, so both hosts have it; idempotent.
    /// </summary>
    public static IServiceCollection AddSecretRedaction(this IServiceCollection services)
    {
        services.TryAddSingleton<SecretRedactor>();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(
            new LoggerFactory(
                sp.GetServices<ILoggerProvider>(),
                sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<IOptions<LoggerFactoryOptions>>(),
                sp.GetService<IExternalScopeProvider>()),
            sp.GetRequiredService<SecretRedactor>())));
        return services;
    }

    public static IHostApplicationBuilder AddWelfareFlowTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var console = builder.Configuration.GetValue<bool>(ConsoleSetting);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpSetting]);

        services.AddSecretRedaction();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: WelfareTelemetry.Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(WelfareTelemetry.Name, DurableTaskSource);
                tracing.AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz");
                    o.RecordException = true;
                });
                tracing.AddProcessor(sp => new RedactingActivityProcessor(sp.GetRequiredService<SecretRedactor>()));
                if (console) tracing.AddConsoleExporter();
                if (otlp) tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WelfareTelemetry.Name);
                metrics.AddAspNetCoreInstrumentation();
                if (console) metrics.AddConsoleExporter();
                if (otlp) metrics.AddOtlpExporter();
            })
            .WithLogging(
                logging =>
                {
                    if (console) logging.AddConsoleExporter();
                    if (otlp) logging.AddOtlpExporter();
                },
                options =>
                {
                    options.IncludeScopes = true;
                    options.IncludeFormattedMessage = true;
                });
        return builder;
    }

    /// <summary>Counts accepted submissions and scores as the HTTP contract reports them (201 new, 200 changed).</summary>
    public static IApplicationBuilder UseWelfareFlowMetrics(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        await next(http);
        if (http.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status201Created) || !HttpMethods.IsPut(http.Request.Method)) return;
        var kind = http.Response.StatusCode == StatusCodes.Status201Created ? "new" : null;
        switch ((http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText)
        {
            case "/api/rounds/{roundId}/cases/{districtId}":
                WelfareTelemetry.CasesSubmitted.Add(1, new KeyValuePair<string, object?>("kind", kind ?? "edit"));
                break;
            case "/api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}":
                WelfareTelemetry.ScoresReceived.Add(1, new KeyValuePair<string, object?>("kind", kind ?? "revision"));
                break;
        }
    });

    /// <summary>Masks secrets in span names and tags (the request path of a link page is a credential).</summary>
    sealed class RedactingActivityProcessor(SecretRedactor redactor) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (redactor.ContainsSecret(data.DisplayName)) data.DisplayName = redactor.Redact(data.DisplayName);
            foreach (var tag in data.TagObjects.ToList())
            {
                if (tag.Value is string text && redactor.ContainsSecret(text)) data.SetTag(tag.Key, redactor.Redact(text));
            }
        }
    }
}
