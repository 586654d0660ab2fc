namespace WelfareFlow.Server.Azurite;

/// <summary>How to start a local Azurite.</summary>
public sealed record AzuriteOptions
{
    public const int DefaultBlobPort = 10000;
    public const int DefaultQueuePort = 10001;
    public const int DefaultTablePort = 10002;

    /// <summary>Folder Azurite keeps its data in (and its working folder); created if missing. Survives restarts unless <see cref="InMemory"/>.</summary>
    public required string DataFolder { get; init; }

    /// <summary>0 lets the operating system pick a free port (tests).</summary>
    public int BlobPort { get; init; } = DefaultBlobPort;

    /// <summary>0 lets the operating system pick a free port (tests).</summary>
    public int QueuePort { get; init; } = DefaultQueuePort;

    /// <summary>0 lets the operating system pick a free port (tests).</summary>
    public int TablePort { get; init; } = DefaultTablePort;

    /// <summary>Keep everything in memory (<c>--inMemoryPersistence</c>): faster, lost when the process ends.</summary>
    public bool InMemory { get; init; }

    /// <summary>How long to wait for the three services to listen before giving up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder holding the npm install of Azurite; defaults to the one the build prepared.</summary>
    public string? AzuriteDirectory { get; init; }

    /// <summary>The Node.js executable; a name is looked up on PATH.</summary>
    public string NodeExecutable { get; init; } = "node";
}
