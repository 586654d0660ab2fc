using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace WelfareFlow.Server.Azurite;

/// <summary>
/// An Azurite this process started from the npm install the build made (see Azurite.targets).
/// Disposing it stops that process, and only that one; its data folder is kept.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";

    // Azurite's fixed, publicly documented development key. Not a secret, but it is never logged all the same.
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string DirectoryMetadataKey = "WelfareFlow.AzuriteDirectory";
    private const string Launcher = "start-azurite.js";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ILogger _logger;
    private int _stopping;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, string dataFolder, ILogger logger)
    {
        _process = process;
        _logger = logger;
        Pid = process.Id;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        DataFolder = dataFolder;
        ConnectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};");
        process.Exited += OnExited;
    }

    /// <summary>Process id of the Node.js process running Azurite.</summary>
    public int Pid { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string DataFolder { get; }

    /// <summary>Explicit connection string for this instance (account devstoreaccount1). Contains the account key: do not log it.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Starts Azurite and returns once blob, queue and table accept connections.
    /// Fails within <see cref="AzuriteOptions.StartTimeout"/> with Azurite's own error output otherwise.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        var azuriteDirectory = ResolveAzuriteDirectory(options);
        var dataFolder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(dataFolder);

        var startInfo = new ProcessStartInfo(options.NodeExecutable)
        {
            // Azurite's default location is its working folder; keep anything it writes out of the source tree.
            WorkingDirectory = dataFolder,
            UseShellExecute = false,
            CreateNoWindow = true,
            // The launcher stops Azurite cleanly when its stdin closes: on dispose, or when this process dies.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            Path.Combine(azuriteDirectory, Launcher),
            "--blobHost", "127.0.0.1", "--blobPort", Port(options.BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(options.QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(options.TablePort),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Azurite refuses --location together with --inMemoryPersistence.
        startInfo.ArgumentList.Add(options.InMemory ? "--inMemoryPersistence" : "--location");
        if (!options.InMemory)
        {
            startInfo.ArgumentList.Add(dataFolder);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var listening = new ListeningPorts();
        var errors = new OutputTail();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                listening.Observe(e.Data);
                logger.LogDebug("Azurite: {AzuriteOutput}", e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Add(e.Data);
                logger.LogWarning("Azurite error output: {AzuriteError}", e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new InvalidOperationException(
                $"Could not start Node.js ('{options.NodeExecutable}') to run Azurite: {exception.Message}. " +
                "Install Node.js 20 or later, or set AzureWebJobsStorage to a storage account.",
                exception);
        }

        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var (blobPort, queuePort, tablePort) = await WaitUntilListeningAsync(
                process, listening, errors, dataFolder, options.StartTimeout, cancellationToken);
            var azurite = new AzuriteProcess(process, blobPort, queuePort, tablePort, dataFolder, logger);
            logger.LogInformation(
                "Started Azurite (pid {Pid}) with data in {DataFolder} (in memory only: {InMemory}): blob port {BlobPort}, queue port {QueuePort}, table port {TablePort}",
                azurite.Pid, dataFolder, options.InMemory, blobPort, queuePort, tablePort);
            return azurite;
        }
        catch
        {
            await KillAsync(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>True when all three ports accept a TCP connection on 127.0.0.1 (short timeout each).</summary>
    public static async Task<bool> IsAnsweringAsync(int blobPort, int queuePort, int tablePort)
    {
        var answers = await Task.WhenAll(AcceptsAsync(blobPort), AcceptsAsync(queuePort), AcceptsAsync(tablePort));
        return answers.All(answer => answer);
    }

    /// <summary>True for the development storage shorthand <c>UseDevelopmentStorage=true</c> (any case, surrounding blanks or a trailing ';').</summary>
    public static bool IsDevelopmentStorage(string? connectionString) =>
        string.Equals(
            connectionString?.Trim().TrimEnd(';').Trim(),
            "UseDevelopmentStorage=true",
            StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For a host at startup: when <paramref name="connectionString"/> is <c>UseDevelopmentStorage=true</c> and no
    /// Azurite answers on the default ports, starts one there keeping its data in <paramref name="dataFolder"/>.
    /// Returns null when it started nothing (another account, or an Azurite already running); the caller owns and
    /// disposes what it returns.
    /// </summary>
    public static async Task<AzuriteProcess?> EnsureForDevelopmentStorageAsync(
        string connectionString, string dataFolder, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!IsDevelopmentStorage(connectionString))
        {
            return null;
        }

        int[] ports = [AzuriteOptions.DefaultBlobPort, AzuriteOptions.DefaultQueuePort, AzuriteOptions.DefaultTablePort];
        var answers = await Task.WhenAll(ports.Select(AcceptsAsync));
        if (answers.All(answer => answer))
        {
            logger.LogInformation(
                "Development storage: an Azurite already answers on ports {BlobPort}, {QueuePort}, {TablePort}; using it",
                ports[0], ports[1], ports[2]);
            return null;
        }

        if (answers.Any(answer => answer))
        {
            var busy = string.Join(", ", ports.Where((_, index) => answers[index]));
            throw new InvalidOperationException(
                $"AzureWebJobsStorage is UseDevelopmentStorage=true, but only some of ports 10000-10002 accept connections (busy: {busy}), " +
                "so this is not a complete Azurite and one cannot be started there. Stop what holds those ports, or set AzureWebJobsStorage to a storage account.");
        }

        logger.LogInformation("Development storage: no Azurite answers on ports 10000-10002; starting one");
        return await StartAsync(new AzuriteOptions { DataFolder = dataFolder }, logger, cancellationToken);
    }

    /// <summary>Stops Azurite, letting it save its data first; kills it (and only its process tree) if it does not stop in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                // start-azurite.js runs Azurite's own shutdown when stdin closes, which flushes its databases.
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(GracefulStopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _logger.LogWarning("Azurite (pid {Pid}) did not stop within {Timeout}; killing it", Pid, GracefulStopTimeout);
                }
            }

            await KillAsync(_process);
            _logger.LogInformation("Stopped Azurite (pid {Pid})", Pid);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnExited(object? sender, EventArgs e)
    {
        if (Volatile.Read(ref _stopping) == 0)
        {
            _logger.LogError("Azurite (pid {Pid}) exited unexpectedly; storage is unavailable until the host restarts", Pid);
        }
    }

    private static async Task<(int Blob, int Queue, int Table)> WaitUntilListeningAsync(
        Process process, ListeningPorts listening, OutputTail errors, string dataFolder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var exited = process.WaitForExitAsync(deadline.Token);
        try
        {
            var first = await Task.WhenAny(listening.Task, exited).WaitAsync(deadline.Token);
            if (first == exited)
            {
                await exited;
                throw new InvalidOperationException(Failure(
                    $"exited with code {process.ExitCode} before listening", process, errors, dataFolder));
            }

            var ports = await listening.Task;
            while (!await IsAnsweringAsync(ports.Blob, ports.Queue, ports.Table))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }

            return ports;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(Failure(
                $"did not accept connections on all three ports within {timeout.TotalSeconds:0} s", process, errors, dataFolder));
        }
    }

    private static string Failure(string what, Process process, OutputTail errors, string dataFolder)
    {
        var output = errors.Text();
        return $"Azurite (pid {process.Id}, data folder {dataFolder}) {what}. " +
            (output.Length == 0 ? "It wrote nothing to stderr." : $"Its stderr:{Environment.NewLine}{output}");
    }

    private static async Task KillAsync(Process process)
    {
        try
        {
            // Kill the tree rooted at our own child only: never anything found by name.
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await process.WaitForExitAsync();
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string ResolveAzuriteDirectory(AzuriteOptions options)
    {
        var directory = options.AzuriteDirectory
            ?? typeof(AzuriteProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(attribute => attribute.Key == DirectoryMetadataKey)?.Value;
        if (string.IsNullOrEmpty(directory))
        {
            throw new InvalidOperationException(
                $"No Azurite folder: the assembly lacks the {DirectoryMetadataKey} metadata that Azurite.targets adds.");
        }

        if (!File.Exists(Path.Combine(directory, Launcher))
            || !File.Exists(Path.Combine(directory, "node_modules", "azurite", "dist", "src", "azurite.js")))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed in {directory}. Building the Server installs it there (npm ci); " +
                "build it with Node.js and npm on PATH: dotnet build src/WelfareFlow.Server");
        }

        return directory;
    }

    private static string Port(int port) =>
        port is >= 0 and <= IPEndPoint.MaxPort
            ? port.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 0 (pick a free one) to 65535.");
}
