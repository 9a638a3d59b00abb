using Connectors.Core.Storage;

namespace Connectors.Core.Signals;

/// <summary>The one place the signals read agents' feedback (<see cref="AgentFeedback"/>), so the row's shape is agreed in one file.</summary>
public sealed class AgentFeedbackReader
{
    public const string TableName = "AgentFeedback";

    private readonly DocumentTable<AgentFeedback> _table;

    public AgentFeedbackReader(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<AgentFeedback>(TableName);
    }

    /// <summary>Every answer agents gave about the call (usually none or one).</summary>
    public async Task<IReadOnlyList<AgentFeedback>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(callId, cancellationToken)).Select(d => d.Value).ToList();
}
