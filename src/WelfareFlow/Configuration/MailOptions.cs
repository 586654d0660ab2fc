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
    public bool UseStartTls { get; set; }
}
