using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Connectors.Tests.Fakes;

/// <summary>
/// Keeps every log entry at every level, with its message, each structured value, its scopes and its
/// exception, so a test can search all of it for what must never be logged.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToList();

    /// <summary>Every entry's full text, one per line: what a leak check searches.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.Everything));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record CapturedLog(string Category, LogLevel Level, string Message, string Everything);

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var all = new StringBuilder().Append(category).Append(' ').Append(message);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    all.Append(' ').Append(key).Append('=').Append(value);
                }
            }

            owner._scopes.ForEachScope((scope, builder) => builder.Append(" scope=").Append(Describe(scope)), all);
            if (exception is not null)
            {
                all.Append(' ').Append(exception);
            }

            owner._entries.Enqueue(new CapturedLog(category, logLevel, message, all.ToString()));
        }

        private static string Describe(object? scope) => scope switch
        {
            IEnumerable<KeyValuePair<string, object>> pairs => string.Join(",", pairs.Select(p => p.Key + "=" + p.Value)),
            _ => scope?.ToString() ?? string.Empty,
        };
    }
}
