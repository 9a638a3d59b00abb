using Connectors.Core.Storage;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The calls that connected and whose wrap-up has not started, one row per call in one partition of the
/// <c>WrapUps</c> table: what <see cref="AbandonedCallSweeper"/> looks through for calls that never ended.
/// </summary>
public sealed class OpenCallIndex
{
    private const string Partition = "open";

    private readonly DocumentTable<OpenCall> _table;

    public OpenCallIndex(DocumentTableFactory tables)
    {
        _table = tables.Open<OpenCall>(ParkedWrapUpStore.TableName);
    }

    public async Task AddAsync(string callId, DateTimeOffset connectedAt, CancellationToken cancellationToken) =>
        await _table.TryAddAsync(Partition, callId, new OpenCall(callId, connectedAt), cancellationToken);

    public async Task<IReadOnlyList<OpenCall>> ListAsync(CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(Partition, cancellationToken)).Select(d => d.Value).ToList();

    public Task RemoveAsync(string callId, CancellationToken cancellationToken) => _table.DeleteAsync(Partition, callId, cancellationToken);
}

