namespace WelfareFlow.Configuration;

/// <summary>Settings under <c>WelfareFlow:</c>, shared by both hosts.</summary>
public sealed class WelfareFlowOptions
{
    public const string Section = "WelfareFlow";

    /// <summary>Operator and signing keys shorter than this refuse to start: a short key can be guessed.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>Base of the links put in emails (<c>{PublicBaseUrl}/judge/{token}</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Key operators send as <c>X-Api-Key</c>.</summary>
    public string OperatorApiKey { get; set; } = "";

    /// <summary>HMAC key for link tokens; changing it invalidates every link sent.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Durable task hub name; also prefixes the product's own tables so several hubs can share an account.</summary>
    public string TaskHub { get; set; } = "welfareflow";

    /// <summary>How long after the judging deadline a link keeps working (results remain visible through it).</summary>
    public TimeSpan LinkGracePeriod { get; set; } = TimeSpan.FromDays(60);

    /// <summary>The shortest <c>reminderEvery</c> a round may ask for: each reminder is a mail to every late judge.</summary>
    public TimeSpan MinimumReminderInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Addresses or CIDR ranges (comma-separated) whose <c>X-Forwarded-For</c> is believed; from anyone
    /// else the header is ignored, since a client can write any address into it.</summary>
    public string TrustedProxies { get; set; } = "";
}
