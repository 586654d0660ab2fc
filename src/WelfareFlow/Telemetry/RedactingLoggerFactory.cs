using System.Collections;
using Microsoft.Extensions.Logging;

namespace WelfareFlow.Telemetry;

/// <summary>
/// Wraps the host's logger factory so that every provider (console, OpenTelemetry, any other) receives
/// messages, structured values and scopes with secrets masked. ASP.NET Core's own request logs carry the
/// request path, which for <c>/submit/{token}</c> and <c>/judge/{token}</c> is a credential.
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRedactor redactor) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            RedactedState.Of(state, redactor, state.ToString() ?? "") is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            if (RedactedState.Of(state, redactor, formatter(state, null)) is { } redacted)
            {
                inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s.Message);
            }
            else
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    /// <summary>A log state or scope with its values and message masked; null when nothing needed masking.</summary>
    sealed class RedactedState(List<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public static RedactedState? Of<TState>(TState state, SecretRedactor redactor, string message)
        {
            var pairs = state as IEnumerable<KeyValuePair<string, object?>> ?? (state as IEnumerable<KeyValuePair<string, object>>)?.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value));
            var list = pairs?.ToList() ?? [];
            var dirty = redactor.ContainsSecret(message) || list.Any(p => p.Value is not null && redactor.ContainsSecret(Text(p.Value)));
            if (!dirty) return null;
            var masked = list.Select(p => p.Value is null || p.Key == "{OriginalFormat}" || !redactor.ContainsSecret(Text(p.Value))
                ? p
                : new KeyValuePair<string, object?>(p.Key, redactor.Redact(Text(p.Value)))).ToList();
            return new RedactedState(masked, redactor.Redact(message));
        }

        static string Text(object value) => value is IEnumerable enumerable and not string
            ? string.Join(", ", enumerable.Cast<object?>())
            : value.ToString() ?? "";

        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
