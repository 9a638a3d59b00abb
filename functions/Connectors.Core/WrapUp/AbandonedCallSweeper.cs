using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Wraps up, as abandoned, every open call with no "end" and no request about it for
/// <see cref="WrapUpOptions.AbandonAfter"/>, so no connected call stays a void. Any request is activity: the session
/// holds the time of events and read-only requests (<see cref="CallActivity"/>), the baton's <c>UpdatedAt</c> that of
/// appends, transfers and answers. Before it starts the wrap-up the sweep closes the baton under its ETag, so an append
/// racing the sweep either lands first (the call is live and left alone) or meets a recorded call (409). Run by a timer
/// trigger in Azure and a background service in LocalHost; two sweeps at once are harmless (the start dedupes).
/// </summary>
public sealed class AbandonedCallSweeper
{
    private readonly OpenCallIndex _open;
    private readonly ICallSessionStore _sessions;
    private readonly BatonStore _batons;
    private readonly BatonCloser _closer;
    private readonly WrapUpStarter _starter;
    private readonly IOptionsMonitor<WrapUpOptions> _options;
    private readonly TimeProvider _time;
    private readonly Events.CallEventEmitter _events;

    public AbandonedCallSweeper(
        OpenCallIndex open,
        ICallSessionStore sessions,
        BatonStore batons,
        BatonCloser closer,
        WrapUpStarter starter,
        IOptionsMonitor<WrapUpOptions> options,
        TimeProvider time,
        Events.CallEventEmitter events)
    {
        _events = events;
        _open = open;
        _sessions = sessions;
        _batons = batons;
        _closer = closer;
        _starter = starter;
        _options = options;
        _time = time;
    }

    /// <summary>One sweep; returns how many abandoned wrap-ups it started.</summary>
    public async Task<int> SweepAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var quietPeriod = CallActivity.QuietPeriod(_options.CurrentValue.AbandonAfter);
        var started = 0;
        foreach (var open in await _open.ListAsync(cancellationToken))
        {
            var session = await _sessions.GetAsync(open.CallId, cancellationToken);
            if (session is null)
            {
                await _open.RemoveAsync(open.CallId, cancellationToken);
                continue;
            }

            var quietSince = _time.GetUtcNow() - quietPeriod;
            if (CallActivity.LastSeen(session) > quietSince)
            {
                continue;
            }

            var baton = await _batons.GetAsync(open.CallId, cancellationToken);
            if (baton is { RecordedAt: null } && baton.UpdatedAt > quietSince)
            {
                continue;
            }

            if (!await _closer.CloseIfQuietAsync(open.CallId, quietSince, cancellationToken))
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
