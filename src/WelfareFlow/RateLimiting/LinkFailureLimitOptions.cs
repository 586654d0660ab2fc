namespace WelfareFlow.RateLimiting;

/// <summary>Settings under <c>WelfareFlow:LinkFailures</c>: how many refused requests (401/403) one client may make
/// within the window before the token-bearing routes answer it 429.</summary>
public sealed class LinkFailureLimitOptions
{
    public const string Section = "WelfareFlow:LinkFailures";

    public int MaxFailures { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}
