using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Http.Rules;

namespace WelfareFlow.RateLimiting;

/// <summary>The front door of both hosts: refusal counting, client addresses, door rules, fault answers.</summary>
public static class DoorServices
{
    public static IServiceCollection AddWelfareFlowDoor(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<WelfareFlowOptions>, WelfareFlowOptionsValidator>();
        services.AddOptions<LinkFailureLimitOptions>().BindConfiguration(LinkFailureLimitOptions.Section);
        services.AddSingleton<LinkFailureLimiter>();
        services.TryAddSingleton(new ClientAddress.HostProxy(new TrustedProxyList([])));
        services.AddSingleton<ClientAddress>();
        services.AddExceptionHandler<FaultAnswers.Handler>();
        services.AddTransient<IStartupFilter, LinkFailureGuard.StartupFilter>();
        return services;
    }

    /// <summary>The Functions worker receives every request from the Functions host over loopback, with the
    /// caller in X-Forwarded-For: trust that hop, or every client would look like one address.</summary>
    public static IServiceCollection TrustFunctionsHostProxy(this IServiceCollection services)
    {
        services.RemoveAll<ClientAddress.HostProxy>();
        services.AddSingleton(new ClientAddress.HostProxy(TrustedProxyList.Loopback));
        return services;
    }
}
