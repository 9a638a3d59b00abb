using System.Globalization;
using Connectors.Core.Storage;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Who resumes a finished run (failed, terminated, or recorded with a change to write): the engine's start dedupe is a
/// read then a write, so two resumes at once (two replays, a replay and the sweep) could both start one. The first to
/// add the row for that run, in the <c>resume</c> partition of the <c>WrapUps</c> table, is the one that starts it.
/// </summary>
public sealed class WrapUpResumeClaims
{
    private const string Partition = "resume";

    private readonly DocumentTable<WrapUpResumeClaim> _table;
    private readonly TimeProvider _time;

    public WrapUpResumeClaims(DocumentTableFactory tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<WrapUpResumeClaim>(ParkedWrapUpStore.TableName);
        _time = time;
    }

    /// <summary>True for the one caller that may resume the run that last changed at <paramref name="runUpdatedAt"/>.</summary>
    public async Task<bool> TryClaimAsync(string callId, DateTimeOffset runUpdatedAt, CancellationToken cancellationToken) =>
        await _table.TryAddAsync(Partition, RowKey(callId, runUpdatedAt), new WrapUpResumeClaim(callId, runUpdatedAt, _time.GetUtcNow()), cancellationToken) is not null;

    /// <summary>Gives a claim back when its start did not happen, so a later resume (the sweep's) may take it.</summary>
    public Task ReleaseAsync(string callId, DateTimeOffset runUpdatedAt, CancellationToken cancellationToken) =>
        _table.DeleteAsync(Partition, RowKey(callId, runUpdatedAt), cancellationToken);

    private static string RowKey(string callId, DateTimeOffset runUpdatedAt) =>
        callId + "-" + runUpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
}
