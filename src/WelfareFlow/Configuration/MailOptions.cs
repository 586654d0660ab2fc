namespace WelfareFlow.Configuration;

/// <summary>Settings under <c>Mail:</c>: every message goes to the pickup folder, and by SMTP when a host is set.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "WelfareFlow <no-reply@welfareflow.local>";

    /// <summary>Folder where every message is written as a <c>.eml</c> file; empty disables it.</summary>
    public string PickupDirectory { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>How the connection is secured. Mails carry link tokens, so the default takes TLS whenever the server offers it.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Older setting, kept so existing configurations keep working: true means <see cref="SmtpSecurity.StartTls"/>.</summary>
    public bool UseStartTls { get; set; }
}

/// <summary><c>Mail:Smtp:Security</c>.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS whenever the server offers it (the default).</summary>
    Auto,

    /// <summary>STARTTLS required: no mail is sent in clear text.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>Clear text; only when set explicitly (a local relay).</summary>
    None,
}
