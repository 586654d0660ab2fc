using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace WelfareFlow.Tests.Support;

/// <summary>Keeps every message as a provider sees it: formatted text, each structured value, each scope, exception text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    readonly ConcurrentQueue<string> lines = new();
    IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public string Text() => string.Join('\n', lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{category} {logLevel}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values) line.Append(" | ").Append(key).Append('=').Append(value);
            }

            owner.scopes.ForEachScope((scope, builder) =>
            {
                builder.Append(" ⟨").Append(scope).Append('⟩');
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs) builder.Append(' ').Append(key).Append('=').Append(value);
                }
            }, line);
            if (exception is not null) line.Append(" !! ").Append(exception);
            owner.lines.Enqueue(line.ToString());
        }
    }
}
