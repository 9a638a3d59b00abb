using Connectors.Core.Storage;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The calls' <see cref="WrapUpDisposition"/>s, one row per call in the <c>disposition</c> partition of the
/// <c>WrapUps</c> table. Every change is a read-modify-write under the ETag, so a human's answer and the wrap-up's
/// close are ordered: the answer lands before the close (the wrap-up writes it) or after it (it is an amendment).
/// </summary>
public sealed class WrapUpDispositionStore
{
    private const string Partition = "disposition";

    private readonly DocumentTable<WrapUpDisposition> _table;

    public WrapUpDispositionStore(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<WrapUpDisposition>(ParkedWrapUpStore.TableName);
    }

    public async Task<WrapUpDisposition?> GetAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.GetAsync(Partition, callId, cancellationToken))?.Value;

    /// <summary>The call's row as its wrap-up starts; an existing row is kept as it is.</summary>
    public async Task<WrapUpDisposition> OpenAsync(string callId, string trigger, bool humanTookCall, CancellationToken cancellationToken) =>
        (await _table.TryAddAsync(Partition, callId, new WrapUpDisposition { CallId = callId, Trigger = trigger, HumanTookCall = humanTookCall }, cancellationToken))?.Value
        ?? await GetAsync(callId, cancellationToken)
        ?? throw new StateContendedException($"The wrap-up disposition of '{callId}' was added and removed at once.");

    /// <summary>Keeps the first draft of the current trigger (a later draft of it may differ only in what it counted).</summary>
    public async Task<WrapUpDisposition> KeepDraftAsync(string callId, string trigger, DispositionDraft draft, CancellationToken cancellationToken) =>
        (await _table.UpdateAsync(Partition, callId, d => d.Draft is null && d.Trigger == trigger ? d with { Draft = draft } : null, cancellationToken))?.Value
        ?? throw Missing(callId);

    /// <summary>The human's answer; null when the call's wrap-up never started.</summary>
    public async Task<WrapUpDisposition?> AnswerAsync(string callId, HumanDisposition human, CancellationToken cancellationToken) =>
        (await _table.UpdateAsync(Partition, callId, d => d.Human == human ? null : d with { Human = human, Version = d.Version + 1 }, cancellationToken))?.Value;

    /// <summary>The platform's end after an abandoned sweep: the call ended after all, so the record follows the real outcome.</summary>
    public async Task<WrapUpDisposition?> EndedAfterAbandonedAsync(string callId, bool humanTookCall, CancellationToken cancellationToken) =>
        (await _table.UpdateAsync(Partition, callId, d => d.Trigger != WrapUpInput.Abandoned ? null
            : d with { Trigger = WrapUpInput.Ended, HumanTookCall = humanTookCall, Draft = null, Version = d.Version + 1 }, cancellationToken))?.Value;

    /// <summary>The CRM record now holds <paramref name="committed"/>, made for <paramref name="version"/> (never goes back to an older one).</summary>
    public async Task<WrapUpDisposition> CommitAsync(string callId, int version, DispositionDraft committed, CancellationToken cancellationToken) =>
        (await _table.UpdateAsync(Partition, callId, d => version <= d.CommittedVersion ? null : d with { CommittedVersion = version, Committed = committed }, cancellationToken))?.Value
        ?? throw Missing(callId);

    /// <summary>
    /// Marks the call recorded unless a change came since the last write. Returns the row after (its
    /// <see cref="WrapUpDisposition.Behind"/> says a write is due first) and whether this close was the first.
    /// </summary>
    public async Task<(WrapUpDisposition Row, bool First)> CloseAsync(string callId, CancellationToken cancellationToken)
    {
        var first = false;
        var row = (await _table.UpdateAsync(Partition, callId, d =>
        {
            first = !d.Behind && !d.Recorded;
            return first ? d with { Recorded = true } : null;
        }, cancellationToken))?.Value ?? throw Missing(callId);
        return (row, first);
    }

    private static InvalidOperationException Missing(string callId) =>
        new($"The wrap-up of '{callId}' has no disposition row; its start writes one.");
}
