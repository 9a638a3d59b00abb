using Connectors.Core.Baton;

namespace Connectors.Core.Signals;

/// <summary>
/// The one place the signals read agents' feedback: the agent page's <see cref="BatonFeedbackStore"/> (one row per
/// transfer), seen as <see cref="AgentFeedback"/>: the caller had to explain again unless the agent said "nothing".
/// </summary>
public sealed class AgentFeedbackReader
{
    private readonly BatonFeedbackStore _store;

    public AgentFeedbackReader(BatonFeedbackStore store) => _store = store;

    /// <summary>Every answer agents gave about the call (usually none or one).</summary>
    public async Task<IReadOnlyList<AgentFeedback>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        [.. (await _store.ForCallAsync(callId, cancellationToken))
            .Select(f => new AgentFeedback(f.CallId, ReExplained: f.Repeated != BatonFeedbackRecorder.Choices[0], f.RecordedAt))];
}
