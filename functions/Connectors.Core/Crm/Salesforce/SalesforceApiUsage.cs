using System.Globalization;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>The org's rolling 24-hour API usage as one response reported it (<c>Sforce-Limit-Info: api-usage=used/limit</c>).</summary>
public sealed record SalesforceApiUsage(long Used, long Limit, DateTimeOffset ObservedAt)
{
    public const string HeaderName = "Sforce-Limit-Info";

    public double Ratio => Limit <= 0 ? 0 : (double)Used / Limit;

    /// <summary>Reads the <c>api-usage</c> part of the header; other parts (<c>api-bursts</c>, <c>per-app-api-usage</c>) are ignored.</summary>
    public static bool TryParse(string? header, DateTimeOffset observedAt, out SalesforceApiUsage? usage)
    {
        usage = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !part.AsSpan(0, equals).Trim().Equals("api-usage", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = part[(equals + 1)..];
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0
                && long.TryParse(value.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && long.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
                && limit > 0)
            {
                usage = new SalesforceApiUsage(used, limit, observedAt);
                return true;
            }
        }

        return false;
    }
}
