using WelfareFlow.Evaluation;

namespace WelfareFlow.Http.Rules;

/// <summary>One rule for deadlines and intervals: a new round's submission deadline lies ahead (a deadline in the
/// past would run the round straight to review with no cases), every deadline lies within a sane horizon, and
/// reminders come no more often than the configured minimum.</summary>
public static class DeadlineRule
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(5 * 366);

    public static void Future(List<ValidationError> errors, string field, DateTimeOffset? deadline, DateTimeOffset now)
    {
        if (deadline is not { } at) return;
        if (at <= now) errors.Add(new(field, $"{field} ({at:O}) has passed already; give a moment in the future."));
        else if (at > now + Horizon) errors.Add(new(field, $"{field} ({at:O}) is more than 5 years ahead."));
    }

    public static void Interval(List<ValidationError> errors, string field, TimeSpan? interval, TimeSpan minimum)
    {
        if (interval is not { } every) return;
        if (every < minimum) errors.Add(new(field, $"{field} must be at least {System.Xml.XmlConvert.ToString(minimum)}: each one mails every late judge."));
        else if (every > Horizon) errors.Add(new(field, $"{field} is longer than 5 years."));
    }
}
