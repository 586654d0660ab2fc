using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using WelfareFlow.Server;

namespace WelfareFlow.Tests.Support;

/// <summary>
/// The real Server, started in this process on a free loopback port against a test Azurite, with its own
/// task hub (so tests sharing one Azurite do not see each other) and its own mail pickup folder.
/// </summary>
public sealed class WelfareServer : IAsyncDisposable
{
    public const string OperatorKey = "test-operator-key-0123456789abcdef";

    readonly WebApplication app;

    WelfareServer(WebApplication app, string baseUrl, string folder, string taskHub)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Folder = folder;
        TaskHub = taskHub;
        Mailbox = new Mailbox(Path.Combine(folder, "mail"));
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }
    public string Folder { get; }
    public string TaskHub { get; }
    public Mailbox Mailbox { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => app.Services;

    public static async Task<WelfareServer> StartAsync(string storageConnectionString, string? taskHub = null, IDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "welfareflow-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var hub = taskHub ?? "t" + Guid.NewGuid().ToString("N")[..12];
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var args = new Dictionary<string, string>
        {
            ["urls"] = baseUrl,
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["WelfareFlow:TaskHub"] = hub,
            ["WelfareFlow:PublicBaseUrl"] = baseUrl,
            ["WelfareFlow:OperatorApiKey"] = OperatorKey,
            ["WelfareFlow:SigningKey"] = "test-signing-key-0123456789-" + hub,
            ["WelfareFlow:MinimumReminderInterval"] = "00:00:01",
            ["WelfareFlow:DataDirectory"] = folder,
            ["Mail:PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:DurableTask"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args[key] = value;

        var builder = WebApplication.CreateBuilder(ServerSetup.BuilderOptions([.. args.Select(a => $"--{a.Key}={a.Value}")], folder));
        builder.AddWelfareFlow();
        var app = builder.Build();
        app.MapWelfareFlow();
        await app.StartAsync();
        return new WelfareServer(app, baseUrl, folder, hub);
    }

    public HttpRequestMessage Operator(HttpMethod method, string path, object? body = null) => AsOperator(method, path, body);

    /// <summary>A request carrying the test operator key, for any Server of a test (in process or not).</summary>
    public static HttpRequestMessage AsOperator(HttpMethod method, string path, object? body = null)
    {
        var request = Request(method, path, body);
        request.Headers.Add("X-Api-Key", OperatorKey);
        return request;
    }

    public static HttpRequestMessage Bearer(HttpMethod method, string path, string token, object? body = null)
    {
        var request = Request(method, path, body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, object? body = null) =>
        new(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body, options: Json.Options) };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
