using System.Text;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Fakes;

/// <summary>
/// A log entry as one line of text (category, message, each structured value, its scopes and its exception),
/// so a leak check searches everything a log sink would have received.
/// </summary>
public static class LogRecordText
{
    public static string Everything(this FakeLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var all = new StringBuilder().Append(record.Category).Append(' ').Append(record.Message);
        foreach (var (key, value) in record.StructuredState ?? [])
        {
            all.Append(' ').Append(key).Append('=').Append(value);
        }

        foreach (var scope in record.Scopes)
        {
            all.Append(" scope=").Append(Describe(scope));
        }

        if (record.Exception is not null)
        {
            all.Append(' ').Append(record.Exception);
        }

        return all.ToString();
    }

    /// <summary>Every entry collected so far, one per line.</summary>
    public static string AllText(this FakeLogCollector logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        return string.Join('\n', logs.GetSnapshot().Select(Everything));
    }

    private static string Describe(object? scope) => scope switch
    {
        IEnumerable<KeyValuePair<string, object>> pairs => string.Join(",", pairs.Select(p => p.Key + "=" + p.Value)),
        _ => scope?.ToString() ?? string.Empty,
    };
}
