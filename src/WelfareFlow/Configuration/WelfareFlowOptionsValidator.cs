using Microsoft.Extensions.Options;
using WelfareFlow.RateLimiting;

namespace WelfareFlow.Configuration;

/// <summary>Checked when a host starts (ValidateOnStart): a host with a guessable key or an unreadable proxy
/// list refuses to start and says which setting to fix, instead of running open.</summary>
public sealed class WelfareFlowOptionsValidator : IValidateOptions<WelfareFlowOptions>
{
    public ValidateOptionsResult Validate(string? name, WelfareFlowOptions options)
    {
        var failures = new List<string>();
        Key(failures, "OperatorApiKey", options.OperatorApiKey);
        Key(failures, "SigningKey", options.SigningKey);
        if (!TrustedProxyList.TryParse(options.TrustedProxies, out _, out var bad))
        {
            failures.Add($"{WelfareFlowOptions.Section}:TrustedProxies: '{bad}' is neither an IP address nor a CIDR range such as 10.0.0.0/8.");
        }

        if (options.MinimumReminderInterval <= TimeSpan.Zero)
        {
            failures.Add($"{WelfareFlowOptions.Section}:MinimumReminderInterval must be positive, e.g. 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void Key(List<string> failures, string setting, string value)
    {
        if (value.Length < WelfareFlowOptions.MinimumKeyLength)
        {
            failures.Add($"{WelfareFlowOptions.Section}:{setting} has {value.Length} characters; it needs at least {WelfareFlowOptions.MinimumKeyLength}. " +
                $"Set a long random value (e.g. `openssl rand -base64 33`) in {WelfareFlowOptions.Section}:{setting} " +
                $"(environment: {WelfareFlowOptions.Section}__{setting}).");
        }
    }
}
