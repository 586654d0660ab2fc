using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Http;
using WelfareFlow.Ops;
using WelfareFlow.Pages;
using WelfareFlow.Server.Azurite;
using WelfareFlow.Server.Durable;
using WelfareFlow.Telemetry;
using WelfareFlow.Workflow;

namespace WelfareFlow.Server;

/// <summary>All the Server's wiring; Program.cs only calls these.</summary>
public static class ServerSetup
{
    /// <summary>Settings are read once, at start, by every host of the process (the Server's and the engine's sidecar).
    /// Reloading them on change puts an inotify watch on the content root and on every folder under it: thousands for a
    /// checkout with Azurite's node_modules, against a per-user limit that is 8,192 on many systems, and in the default
    /// layout Azurite's data folder is among them, so every file Azurite wrote was an event for the Server.</summary>
    public const string SettingsReadOnce = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>The Server's builder options (<see cref="SettingsReadOnce"/>).</summary>
    public static WebApplicationOptions BuilderOptions(string[] args, string? contentRoot = null) =>
        new() { Args = [.. args, SettingsReadOnce], ContentRootPath = contentRoot };

    public static WebApplicationBuilder AddWelfareFlow(this WebApplicationBuilder builder)
    {
        var defaults = LocalDefaults.Apply(builder);
        var services = builder.Services;
        services.AddSingleton(defaults);
        services.AddWelfareFlowCore(builder.Configuration);
        builder.AddWelfareFlowTelemetry();
        services.AddWelfareFlowOps();
        services.AddSingleton<IOrchestrationHistoryReader, BackendHistoryReader>();

        // Storage first: the engine needs it running.
        services.AddHostedService<AzuriteHostedService>();
        services.AddExceptionHandler<EngineUnavailableHandler>();
        services.AddDurableRuntime(builder.Configuration, tasks => tasks.AddWelfareFlowTasks());
        return builder;
    }

    public static WebApplication MapWelfareFlow(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapWelfareFlowApi();
        app.MapWelfareFlowPages();
        app.MapWelfareFlowOps();
        app.Lifetime.ApplicationStarted.Register(() => PrintWhereThingsAre(app));
        return app;
    }

    /// <summary>Tells a person at the console where to go. Written to the console, not the log: the
    /// generated local operator key is shown here and never logged.</summary>
    static void PrintWhereThingsAre(WebApplication app)
    {
        var defaults = app.Services.GetRequiredService<LocalDefaults>();
        var mail = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine("WelfareFlow Server is running.");
        foreach (var url in urls) Console.WriteLine($"  API:          {url}/api/rounds");
        Console.WriteLine($"  Mail folder:  {mail.PickupDirectory}");
        Console.WriteLine($"  Data folder:  {defaults.DataDirectory}");
        Console.WriteLine(defaults.GeneratedOperatorKey is { } key
            ? $"  Operator key: {key}   (send as X-Api-Key; kept in {Path.Combine(defaults.DataDirectory, "operator-key")})"
            : "  Operator key: as configured in WelfareFlow:OperatorApiKey");
    }
}
