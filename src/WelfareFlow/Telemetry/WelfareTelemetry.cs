using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WelfareFlow.Telemetry;

/// <summary>The product's own trace source and meter, both named "WelfareFlow".</summary>
public static class WelfareTelemetry
{
    public const string Name = "WelfareFlow";

    public static readonly ActivitySource Source = new(Name);

    static readonly Meter Meter = new(Name);

    /// <summary>Case submissions accepted (tag <c>kind</c>: <c>new</c> or <c>edit</c>).</summary>
    public static readonly Counter<long> CasesSubmitted = Meter.CreateCounter<long>("welfareflow.cases.submitted", "{case}", "Case submissions accepted from districts.");

    /// <summary>Scores accepted from judges (tag <c>kind</c>: <c>new</c> or <c>revision</c>).</summary>
    public static readonly Counter<long> ScoresReceived = Meter.CreateCounter<long>("welfareflow.scores.received", "{score}", "Scores accepted from judges.");

    public static readonly Counter<long> RemindersSent = Meter.CreateCounter<long>("welfareflow.reminders.sent", "{email}", "Reminder emails handed to the outbox.");

    public static readonly Histogram<double> LastScoreToResults = Meter.CreateHistogram<double>(
        "welfareflow.results.delay", "s", "Time from a round's last score to its allocated results.");
}
