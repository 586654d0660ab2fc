using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using WelfareFlow.Server;
using WelfareFlow.Server.Azurite;

namespace WelfareFlow.Load;

/// <summary>Azurite (in memory, free ports) and the real Server in this process, with its own data folder,
/// mail pickup folder and keys; or nothing when driving a Server given by URL.</summary>
public sealed class LoadServer : IAsyncDisposable
{
    readonly AzuriteProcess? azurite;
    readonly WebApplication? app;
    readonly string? folder;

    LoadServer(string url, string operatorKey, string mailFolder, string? storage, AzuriteProcess? azurite = null, WebApplication? app = null, string? folder = null)
    {
        Url = url;
        OperatorKey = operatorKey;
        MailFolder = mailFolder;
        Storage = storage;
        this.azurite = azurite;
        this.app = app;
        this.folder = folder;
    }

    public string Url { get; }
    public string OperatorKey { get; }
    public string MailFolder { get; }
    /// <summary>The storage connection string, when known (for the bare engine on the same storage).</summary>
    public string? Storage { get; }

    public static LoadServer Given(LoadSettings settings) => new(settings.Url!, settings.OperatorKey!, settings.MailFolder!, settings.Storage);

    /// <summary>Azurite as the Server runs it by default: data on disk. In memory, Azurite keeps every queue message
    /// in an extent of its own, and its queue GC, once a minute, deletes them one by one with a rebuild of the extent
    /// index each (LokiJS): under this load that froze all of Azurite (tables too) for 20–35 s per sweep. On disk,
    /// messages share extent files and the sweeps cost nothing; Azurite saves its tables every 5 s instead.</summary>
    public static async Task<AzuriteProcess> StartAzuriteAsync(string folder) =>
        await AzuriteProcess.StartAsync(new AzuriteOptions { DataFolder = Path.Combine(folder, "azurite"), BlobPort = 0, QueuePort = 0, TablePort = 0, InMemory = false },
            NullLogger.Instance, CancellationToken.None);

    public static async Task<LoadServer> StartAsync(AzuriteProcess azurite, string folder)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var operatorKey = "load-operator-key-" + Guid.NewGuid().ToString("N");
        var mail = Path.Combine(folder, "mail");
        string[] args =
        [
            $"--urls={url}",
            $"--AzureWebJobsStorage={azurite.ConnectionString}",
            $"--WelfareFlow:TaskHub=load{Guid.NewGuid().ToString("N")[..12]}",
            $"--WelfareFlow:PublicBaseUrl={url}",
            $"--WelfareFlow:OperatorApiKey={operatorKey}",
            $"--WelfareFlow:SigningKey=load-signing-key-{Guid.NewGuid():N}",
            $"--WelfareFlow:DataDirectory={folder}",
            $"--Mail:PickupDirectory={mail}",
            "--Logging:LogLevel:Default=Warning",
        ];
        var builder = WebApplication.CreateBuilder(ServerSetup.BuilderOptions(args, folder));
        builder.AddWelfareFlow();
        var app = builder.Build();
        app.MapWelfareFlow();
        await app.StartAsync();
        return new LoadServer(url, operatorKey, mail, azurite.ConnectionString, azurite, app, folder);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (azurite is not null) await azurite.DisposeAsync();
        if (folder is not null)
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
