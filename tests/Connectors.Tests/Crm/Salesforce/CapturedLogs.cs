using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>
/// Keeps every log entry written through it, rendered in full: message, structured values, scopes and the
/// exception with its inner exceptions, so a test can search everything a log sink would have received.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => _entries.ToList();

    public string All => string.Join('\n', _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    entry.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            owner._scopes.ForEachScope((scope, text) => text.Append(" | scope: ").Append(scope), entry);
            if (exception is not null)
            {
                entry.Append(" | exception: ").Append(exception);
            }

            owner._entries.Enqueue(entry.ToString());
        }
    }
}
