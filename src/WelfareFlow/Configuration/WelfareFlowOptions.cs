namespace WelfareFlow.Configuration;

/// <summary>Settings under <c>WelfareFlow:</c>, shared by both hosts.</summary>
public sealed class WelfareFlowOptions
{
    public const string Section = "WelfareFlow";

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
}
