using System.Globalization;
using Connectors.Core.Http;

namespace Connectors.Core.Signals;

/// <summary>The range of <c>GET /api/signals?from=&amp;to=</c>: ISO 8601 instants, <c>to</c> defaulting to now and <c>from</c> to a day before <c>to</c>; bad or too long is a 400 problem.</summary>
public static class SignalRange
{
    public static (DateTimeOffset From, DateTimeOffset To) Parse(string? from, string? to, DateTimeOffset now, TimeSpan maxRange)
    {
        var end = Instant(to, "to") ?? now;
        var start = Instant(from, "from") ?? end.AddDays(-1);
        if (start >= end)
        {
            throw Invalid($"'from' ({start:O}) must be before 'to' ({end:O}).");
        }

        if (end - start > maxRange)
        {
            throw Invalid($"The range is {(end - start).TotalDays:0.#} days; at most {maxRange.TotalDays:0.#} days are read at once (Signals:MaxRange).");
        }

        return (start, end);
    }

    private static DateTimeOffset? Instant(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw Invalid($"'{name}' must be an ISO 8601 date or instant, e.g. 2026-12-01 or 2026-12-01T08:00:00Z.");
    }

    private static ProblemException Invalid(string detail) => new(400, "invalid-signal-range", "Invalid signal range", detail);
}
