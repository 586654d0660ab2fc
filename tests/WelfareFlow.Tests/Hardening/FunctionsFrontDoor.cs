using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Cases;
using WelfareFlow.Http;
using WelfareFlow.Live;
using WelfareFlow.Pages;
using WelfareFlow.RateLimiting;
using WelfareFlow.Storage;

namespace WelfareFlow.Tests.Hardening;

/// <summary>
/// The Azure Functions worker's HTTP front door, rebuilt here because the Functions host cannot run on this
/// machine: the services of src/WelfareFlow.Functions/Program.cs (<c>AddWelfareFlowCore(...).TrustFunctionsHostProxy()</c>),
/// the pipeline ConfigureFunctionsWebApplication builds (forwarded headers with every header and no limit, then the
/// function endpoints; IStartupFilters wrap it all), and the handlers the [Function] adapters call. Requests reach it
/// from loopback with the caller in X-Forwarded-For, as the Functions host sends them.
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

    public static async Task<FunctionsFrontDoor> StartAsync(IDictionary<string, string> settings)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [$"--urls={baseUrl}", .. settings.Select(s => $"--{s.Key}={s.Value}")] });
        builder.Services.AddWelfareFlowCore(builder.Configuration).TrustFunctionsHostProxy();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.All;
            o.ForwardLimit = null;
        });
        var app = builder.Build();
        app.UseForwardedHeaders();
        app.MapGet("/api/rounds/{roundId}", (HttpContext http, RoundStore rounds, CaseStore cases, ScoreStore scores, PresentationDay day, string roundId) => RoundEndpoints.Get(http, rounds, cases, scores, day, roundId));
        app.MapPut("/api/rounds/{roundId}/cases/{districtId}", (HttpContext http, CaseSubmissions submissions, string roundId, string districtId) => CaseEndpoints.PutCase(http, submissions, roundId, districtId));
        app.MapGet("/submit/{token}", (HttpContext http, string token) => SubmitPage.Get(http, token));
        await app.StartAsync();
        return new FunctionsFrontDoor(app, baseUrl);
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
