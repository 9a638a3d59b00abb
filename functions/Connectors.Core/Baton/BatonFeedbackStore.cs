using System.Globalization;
using Connectors.Core.Storage;

namespace Connectors.Core.Baton;

/// <summary>The agents' re-explain reports (<see cref="BatonFeedback"/>): partition = call id, row = version (six digits); written once.</summary>
public sealed class BatonFeedbackStore
{
    public const string TableName = "BatonFeedback";

    private readonly DocumentTable<BatonFeedback> _table;

    public BatonFeedbackStore(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<BatonFeedback>(TableName);
    }

    public static string RowKeyOf(int version) => version.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Stores the first report for the transfer; the one already stored when there is one.</summary>
    public async Task<(BatonFeedback Stored, bool Added)> AddOnceAsync(BatonFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var key = RowKeyOf(feedback.Version);
        if (await _table.TryAddAsync(feedback.CallId, key, feedback, cancellationToken) is not null)
        {
            return (feedback, true);
        }

        var existing = await _table.GetAsync(feedback.CallId, key, cancellationToken);
        return (existing?.Value ?? feedback, false);
    }

    public async Task<BatonFeedback?> GetAsync(string callId, int version, CancellationToken cancellationToken) =>
        (await _table.GetAsync(callId, RowKeyOf(version), cancellationToken))?.Value;

    /// <summary>Every report of one call, oldest transfer first.</summary>
    public async Task<IReadOnlyList<BatonFeedback>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        [.. (await _table.QueryPartitionAsync(callId, cancellationToken)).Select(d => d.Value)];
}
