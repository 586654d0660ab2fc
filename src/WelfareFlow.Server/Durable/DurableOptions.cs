namespace WelfareFlow.Server.Durable;

/// <summary>Settings under <c>WelfareFlow:Durable:</c> for the Server's engine (the Functions app uses host.json).</summary>
public sealed class DurableOptions
{
    public const string Section = "WelfareFlow:Durable";

    /// <summary>Loopback port of the in-process gRPC sidecar; 0 picks a free one.</summary>
    public int GrpcPort { get; set; }

    /// <summary>Control-queue partitions: the most Server instances that can share orchestration work.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>The backend polls its queues; its default ceiling of 30 s would make every idle step wait that long.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Activities run at once. The backend's default (10 per core) is too few for activities that wait for
    /// others to share their storage calls (<c>FinalSteps</c>): at 1,000 cases the cases' final steps fell behind
    /// the scores. They wait on storage, not on the processor.</summary>
    public int MaxConcurrentActivityWorkItems { get; set; } = 100;

    /// <summary>Partition leases: short, so a fresh hub or a dead instance's partitions are taken over within seconds.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads and writes of the partition table give up and retry after this. The backend's 2 s was
    /// exceeded by a busy Azurite in load runs, and every timeout delays lease renewal.</summary>
    public TimeSpan PartitionTableOperationTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How long a message taken by an instance that then dies stays hidden before another instance
    /// retries it. The backend's default (5 min) would stall a round that long after a crash.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
