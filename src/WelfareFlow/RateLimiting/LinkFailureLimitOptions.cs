namespace WelfareFlow.RateLimiting;

/// <summary>Settings under <c>WelfareFlow:LinkFailures</c>: how many refused requests (401/403) one client may make
/// within the window before requests without a valid credential are answered 429.</summary>
public sealed class LinkFailureLimitOptions
{
    public const string Section = "WelfareFlow:LinkFailures";

    public int MaxFailures { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most clients remembered at once; past it the quietest are forgotten, so a flood of addresses
    /// cannot grow the table without bound.</summary>
    public int MaxClients { get; set; } = 10_000;
}
