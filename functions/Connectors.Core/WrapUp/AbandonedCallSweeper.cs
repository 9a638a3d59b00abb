using Connectors.Core.Calls;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Wraps up, as abandoned, every open call with no "end" and nothing happening for
/// <see cref="WrapUpOptions.AbandonAfter"/>, so no connected call stays a void. Run by a timer trigger in
/// Azure and a background service in LocalHost; two sweeps at once are harmless (the start dedupes).
/// </summary>
public sealed class AbandonedCallSweeper
{
    private readonly OpenCallIndex _open;
    private readonly ICallSessionStore _sessions;
    private readonly WrapUpStarter _starter;
    private readonly IOptionsMonitor<WrapUpOptions> _options;
    private readonly TimeProvider _time;
    private readonly Events.CallEventEmitter _events;

    public AbandonedCallSweeper(OpenCallIndex open, ICallSessionStore sessions, WrapUpStarter starter, IOptionsMonitor<WrapUpOptions> options, TimeProvider time, Events.CallEventEmitter events)
    {
        _events = events;
        _open = open;
        _sessions = sessions;
        _starter = starter;
        _options = options;
        _time = time;
    }

    /// <summary>One sweep; returns how many abandoned wrap-ups it started.</summary>
    public async Task<int> SweepAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var abandonAfter = _options.CurrentValue.AbandonAfter;
        var started = 0;
        foreach (var open in await _open.ListAsync(cancellationToken))
        {
            var session = await _sessions.GetAsync(open.CallId, cancellationToken);
            if (session is null)
            {
                await _open.RemoveAsync(open.CallId, cancellationToken);
                continue;
            }

            var lastActivity = session.Events.Select(e => e.At).DefaultIfEmpty(session.ConnectedAt).Max();
            if (_time.GetUtcNow() - lastActivity < abandonAfter)
            {
                continue;
            }

            await _events.EmitAsync(Events.CallEventTypes.Abandoned, open.CallId, null, null, cancellationToken);
            if (await _starter.StartAsync(client, open.CallId, WrapUpInput.Abandoned, humanTookCall: false, cancellationToken))
            {
                started++;
            }
        }

        return started;
    }
}
