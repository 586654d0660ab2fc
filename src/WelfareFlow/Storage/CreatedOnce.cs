namespace WelfareFlow.Storage;

/// <summary>
/// Creates tables or containers once per process, like a Lazy&lt;Task&gt;, except that a failed attempt is
/// forgotten: the next caller tries again. A Lazy would keep the first failure (storage not up yet, a network
/// blip) until restart, and /healthz would stay unhealthy for good.
/// </summary>
public sealed class CreatedOnce(Func<Task> create)
{
    readonly Lock gate = new();
    Task? attempt;

    public Task EnsureAsync()
    {
        lock (gate)
        {
            if (attempt is null || attempt.IsFaulted || attempt.IsCanceled) attempt = create();
            return attempt;
        }
    }
}
