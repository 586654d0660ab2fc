using System.Diagnostics;
using System.Net.Sockets;

namespace WelfareFlow.Tests.Support;

/// <summary>The Server as its own OS process (the built WelfareFlow.Server.dll), for tests that kill it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StreamWriter log;

    ServerProcess(Process process, string baseUrl, string mailFolder, StreamWriter log)
    {
        this.process = process;
        this.log = log;
        BaseUrl = baseUrl;
        Mailbox = new Mailbox(mailFolder);
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }
    public Mailbox Mailbox { get; }
    public HttpClient Client { get; }
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    public static async Task<ServerProcess> StartAsync(string folder, IDictionary<string, string> settings)
    {
        Directory.CreateDirectory(folder);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WelfareFlow.Server.dll"));
        start.ArgumentList.Add($"--urls={baseUrl}");
        start.ArgumentList.Add($"--WelfareFlow:PublicBaseUrl={baseUrl}");
        start.ArgumentList.Add($"--WelfareFlow:DataDirectory={folder}");
        start.ArgumentList.Add($"--Mail:PickupDirectory={Path.Combine(folder, "mail")}");
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Server.");
        var log = new StreamWriter(Path.Combine(folder, "server.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, baseUrl, Path.Combine(folder, "mail"), log);
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The Server exited with {process.ExitCode}; see {folder}/server.log");
            try
            {
                if ((await server.Client.GetAsync("/healthz")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > until) throw new TimeoutException($"The Server did not answer within 90 s; see {folder}/server.log");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crashed machine.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (log) log.Dispose();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
