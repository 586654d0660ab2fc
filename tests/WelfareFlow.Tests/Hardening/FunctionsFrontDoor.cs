using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WelfareFlow.Cases;
using WelfareFlow.Http;
using WelfareFlow.Http.Rules;
using WelfareFlow.Live;
using WelfareFlow.Pages;
using WelfareFlow.RateLimiting;
using WelfareFlow.Server;
using WelfareFlow.Storage;

namespace WelfareFlow.Tests.Hardening;

/// <summary>
/// The Azure Functions worker's HTTP front door, rebuilt here because the Functions host cannot run on this
/// machine: the services of src/WelfareFlow.Functions/Program.cs (<c>AddWelfareFlowCore(...).TrustFunctionsHostProxy()</c>),
/// the pipeline ConfigureFunctionsWebApplication builds (forwarded headers with every header and no limit, then the
/// function endpoints; IStartupFilters wrap it all), and the handlers the [Function] adapters call, each run
/// <see cref="AsFunction"/>. Requests reach it from loopback with the caller in X-Forwarded-For, as the Functions
/// host sends them. Given the loopback address of a Server's durable sidecar, it also has the durable client the
/// [DurableClient] binding gives, and maps the routes that need it.
/// </summary>
public sealed class FunctionsFrontDoor : IAsyncDisposable
{
    readonly WebApplication app;

    FunctionsFrontDoor(WebApplication app, string baseUrl)
    {
        this.app = app;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    /// <param name="logs">Added to the worker's logger providers, where the Functions worker has the provider that sends
    /// every log to the Functions host (and so to Application Insights).</param>
    public static async Task<FunctionsFrontDoor> StartAsync(IDictionary<string, string> settings, Uri? durableSidecar = null, ILoggerProvider? logs = null)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        // Settings read once, as every host of the Server (a watch on the working folder would also confound SettingsReadOnceTests).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [$"--urls={baseUrl}", ServerSetup.SettingsReadOnce, .. settings.Select(s => $"--{s.Key}={s.Value}")] });
        builder.Services.AddWelfareFlowCore(builder.Configuration).TrustFunctionsHostProxy();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.All;
            o.ForwardLimit = null;
        });
        if (logs is not null) builder.Services.AddSingleton(logs);
        if (durableSidecar is not null)
        {
            builder.Services.AddDurableTaskClient(client => client.UseGrpc(Grpc.Net.Client.GrpcChannel.ForAddress(durableSidecar)));
        }

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.MapGet("/api/rounds/{roundId}", (HttpContext http, RoundStore rounds, CaseStore cases, ScoreStore scores, PresentationDay day, string roundId) =>
            AsFunction(http, () => RoundEndpoints.Get(http, rounds, cases, scores, day, roundId)));
        app.MapPut("/api/rounds/{roundId}/cases/{districtId}", (HttpContext http, CaseSubmissions submissions, string roundId, string districtId) =>
            AsFunction(http, () => CaseEndpoints.PutCase(http, submissions, roundId, districtId)));
        app.MapGet("/submit/{token}", (HttpContext http, string token) => AsFunction(http, () => Page(http, () => SubmitPage.Get(http, token))));
        app.MapGet("/judge/{token}", (HttpContext http, string token) => AsFunction(http, () => Page(http, () => JudgePage.Get(http, token))));
        if (durableSidecar is not null)
        {
            app.MapPut("/api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}", (HttpContext http, DurableTaskClient durable, Scoring scoring, string roundId, string districtId, string judgeId) =>
                AsFunction(http, () => CaseEndpoints.PutScore(http, durable, scoring, roundId, districtId, judgeId)));
            app.MapGet("/api/instances", (HttpContext http, DurableTaskClient durable) =>
                AsFunction(http, () => ManagementEndpoints.ListInstances(http, durable, http.Request.Query["runtimeStatus"], http.Request.Query["instanceIdPrefix"],
                    int.TryParse(http.Request.Query["top"], out var top) ? top : null)));
            app.MapGet("/healthz", (HttpContext http, DurableTaskClient durable) => AsFunction(http, () => ManagementEndpoints.Health(http, durable)));
        }

        await app.StartAsync();
        return new FunctionsFrontDoor(app, baseUrl);
    }

    /// <summary>
    /// How the worker runs a [Function]: an exception it throws never reaches ASP.NET Core middleware (the worker's
    /// FunctionsHttpProxyingMiddleware completes the HTTP side normally and fails the invocation, which the host answers
    /// with a 500), unless src/WelfareFlow.Functions/Middleware/FaultAnswersMiddleware.cs turns it into the invocation's
    /// result first (FaultAnswers, or 503 for a durable engine that does not answer), as done here.
    /// </summary>
    static async Task<IResult> AsFunction<T>(HttpContext http, Func<Task<T>> function) where T : IResult
    {
        try
        {
            return await function();
        }
        catch (Exception e)
        {
            // FaultAnswersMiddleware.Answer (the Functions assembly is not referenced by tests).
            var answer = e is Grpc.Core.RpcException rpc && !(rpc.StatusCode == Grpc.Core.StatusCode.Cancelled && http.RequestAborted.IsCancellationRequested)
                ? FaultAnswers.Unavailable(http)
                : FaultAnswers.For(http, e);
            return answer ?? Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>PageFunctions.WithPageHeaders: the page headers are set before the handler runs.</summary>
    static Task<IResult> Page(HttpContext http, Func<Task<IResult>> handler)
    {
        PageLayout.ApplyHeaders(http);
        return handler();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
