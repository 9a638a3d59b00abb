using Connectors.Core.Storage;

namespace Connectors.Core.Crm.DryRun;

/// <summary>
/// The write faults a scenario asked of its own dry-run call (<c>PUT /api/calls/{callId}/dry-run/faults</c>), one row per
/// call in <c>DryRunFaults</c>. Only a dry-run call can have one, so a live call never reads it.
/// </summary>
public sealed class DryRunFaultStore(DocumentTableFactory tables)
{
    public const string TableName = "DryRunFaults";
    private const string Row = "plan";

    private readonly DocumentTable<DryRunFault> _table = tables.Open<DryRunFault>(TableName);

    public Task SetAsync(string callId, DryRunFault fault, CancellationToken cancellationToken) => _table.UpsertAsync(callId, Row, fault, cancellationToken);

    /// <summary>Takes one fault for the next write, or null when none is left.</summary>
    public async Task<DryRunFaultKind?> TryTakeAsync(string callId, CancellationToken cancellationToken)
    {
        var current = await _table.GetAsync(callId, Row, cancellationToken);
        if (current is null || current.Value.Remaining <= 0)
        {
            return null;
        }

        DryRunFaultKind? taken = null;
        await _table.UpdateAsync(callId, Row, f =>
        {
            taken = f.Remaining > 0 ? f.Kind : null;
            return f.Remaining > 0 ? f with { Remaining = f.Remaining - 1 } : null;
        }, cancellationToken);
        return taken;
    }
}
