using System.Globalization;
using Connectors.Core.Crm;
using Connectors.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Signals;

/// <summary>
/// The calls whose wrap-up started, one row per call in the partition of the UTC day it ended
/// (<c>SignalCalls</c>, PartitionKey <c>yyyyMMdd</c>, RowKey the call id). Sessions are keyed by call id alone, so
/// this is what bounds a signals scan: one partition query per day of the range, then point reads per call.
/// Adding twice changes nothing.
/// </summary>
public sealed class EndedCallIndex
{
    public const string TableName = "SignalCalls";

    private readonly DocumentTable<IndexedCall> _table;
    private readonly string _crm;

    public EndedCallIndex(DocumentTableFactory tables, IOptions<CrmOptions> crm)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(crm);
        _table = tables.Open<IndexedCall>(TableName);
        _crm = crm.Value.Provider.ToString().ToLowerInvariant();
    }

    public static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public Task AddAsync(string callId, DateTimeOffset endedAt, CancellationToken cancellationToken) =>
        _table.TryAddAsync(DayKey(endedAt), callId, new IndexedCall(callId, endedAt, _crm), cancellationToken);

    /// <summary>The calls that ended on <paramref name="day"/> (UTC).</summary>
    public async Task<IReadOnlyList<IndexedCall>> ListAsync(DateOnly day, CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), cancellationToken)).Select(d => d.Value).ToList();
}
