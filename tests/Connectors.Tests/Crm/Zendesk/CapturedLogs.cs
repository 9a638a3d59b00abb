using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps everything every logger writes, at every level: the
/// formatted message, each structured value, each scope, and the full text of any exception.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Everything written, as one text to search for what must never appear.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
        ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))
        : state?.ToString() ?? string.Empty;

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner._entries.Enqueue(new CapturedLog(LogLevel.Trace, category, "scope", Describe(state)));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner._entries.Enqueue(new CapturedLog(logLevel, category, message, string.Join(" | ", message, Describe(state), exception?.ToString() ?? string.Empty)));
        }
    }
}

/// <summary>One captured log entry; <see cref="Text"/> holds everything it carried.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, string Text);
