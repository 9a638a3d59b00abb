using Connectors.Core.Storage;

namespace Connectors.Core.WrapUp;

/// <summary>The parked wrap-ups, one row per call in one partition of the <c>WrapUps</c> table, so they can be listed.</summary>
public sealed class ParkedWrapUpStore
{
    public const string TableName = "WrapUps";
    private const string Partition = "parked";

    private readonly DocumentTable<ParkedWrapUp> _table;

    public ParkedWrapUpStore(DocumentTableFactory tables)
    {
        _table = tables.Open<ParkedWrapUp>(TableName);
    }

    /// <summary>Parks the call's wrap-up (again, with the latest reason and error, if it already was); true when it was not parked before.</summary>
    public async Task<bool> ParkAsync(ParkedWrapUp parked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parked);
        if (await _table.TryAddAsync(Partition, parked.CallId, parked, cancellationToken) is not null)
        {
            return true;
        }

        await _table.UpsertAsync(Partition, parked.CallId, parked, cancellationToken);
        return false;
    }

    public async Task<ParkedWrapUp?> GetAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.GetAsync(Partition, callId, cancellationToken))?.Value;

    public async Task<IReadOnlyList<ParkedWrapUp>> ListAsync(CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(Partition, cancellationToken)).Select(d => d.Value).ToList();

    /// <summary>Takes the call off the parked list; true when it was on it. Of two at once, one gets true: the replay that resumes it.</summary>
    public Task<bool> ReleaseAsync(string callId, CancellationToken cancellationToken) =>
        _table.DeleteAsync(Partition, callId, cancellationToken);
}
