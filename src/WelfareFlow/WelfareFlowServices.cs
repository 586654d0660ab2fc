using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WelfareFlow.Cases;
using WelfareFlow.Configuration;
using WelfareFlow.Finalists;
using WelfareFlow.Links;
using WelfareFlow.Live;
using WelfareFlow.Mail;
using WelfareFlow.Pages;
using WelfareFlow.RateLimiting;
using WelfareFlow.Storage;
using WelfareFlow.Telemetry;
using WelfareFlow.Workflow;

namespace WelfareFlow;

/// <summary>The application's services, the same in both hosts.</summary>
public static class WelfareFlowServices
{
    public static IServiceCollection AddWelfareFlowCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WelfareFlowOptions>().BindConfiguration(WelfareFlowOptions.Section).ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddSingleton<WelfareTables>();
        services.AddSingleton<RoundStore>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<ScoreStore>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<MailTransport>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<FinalSteps>();
        services.AddSingleton<SeatChecks>();
        services.AddSingleton<WorkflowActivities>();
        services.AddSingleton<OperatorActions>();
        services.AddSingleton<LiveStore>();
        services.AddSingleton<PresentationDay>();
        services.AddSingleton<Recusals>();
        services.AddSingleton<FinalistSelection>();
        services.AddWelfareFlowPages();
        services.AddWelfareFlowDoor();
        services.AddSecretRedaction();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        return services;
    }
}
