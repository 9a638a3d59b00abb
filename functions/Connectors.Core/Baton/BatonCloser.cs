using Microsoft.Extensions.Options;

namespace Connectors.Core.Baton;

/// <summary>
/// Closes a call's baton when the call is recorded, so a late append, transfer or answer is a 409 instead of a turn
/// nobody will read. The mark sits on the baton row those requests already read and write under its ETag, so it
/// costs them no extra storage round trip, and the abandoned sweep's "still silent?" check and an append landing at
/// that moment are decided by the same ETag: one of them wins, never both.
/// </summary>
public sealed class BatonCloser
{
    private readonly BatonStore _batons;
    private readonly BatonExpiryIndex _expiries;
    private readonly IOptionsMonitor<BatonOptions> _options;
    private readonly TimeProvider _time;

    public BatonCloser(BatonStore batons, BatonExpiryIndex expiries, IOptionsMonitor<BatonOptions> options, TimeProvider time)
    {
        _batons = batons;
        _expiries = expiries;
        _options = options;
        _time = time;
    }

    /// <summary>Closes the baton of a recorded call (making a closed one when the call never had a baton). Safe to repeat.</summary>
    public async Task CloseAsync(string callId, CancellationToken cancellationToken) =>
        await CloseIfQuietAsync(callId, quietSince: null, cancellationToken);

    /// <summary>
    /// Closes the baton unless it changed after <paramref name="quietSince"/> (an append, transfer or answer landed since
    /// the sweep looked): true when it is closed (now or before), false when the call turned out to be live.
    /// </summary>
    public async Task<bool> CloseIfQuietAsync(string callId, DateTimeOffset? quietSince, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var fresh = new Baton { CallId = callId, CreatedAt = now, UpdatedAt = now, ExpiresAt = now + _options.CurrentValue.TimeToLive };
        var live = false;
        var baton = await _batons.UpdateAsync(
            callId,
            () => fresh,
            current =>
            {
                live = false;
                if (current.RecordedAt is not null)
                {
                    return null;
                }

                if (!ReferenceEquals(current, fresh) && current.UpdatedAt > quietSince)
                {
                    live = true;
                    return null;
                }

                // UpdatedAt stays: closing is not activity.
                return current with { RecordedAt = now };
            },
            cancellationToken);
        if (baton.CreatedAt == now && baton.RecordedAt == now)
        {
            // This close made the row: it expires like any baton.
            await _expiries.AddAsync(BatonExpiryIndex.BatonKind, callId, baton.ExpiresAt, cancellationToken);
        }

        return !live;
    }
}
