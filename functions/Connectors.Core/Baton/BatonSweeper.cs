using Microsoft.Extensions.Logging;

namespace Connectors.Core.Baton;

/// <summary>
/// Deletes expired batons and agent tokens. One Core sweep, run by a timer trigger in Azure and a background service
/// in LocalHost; safe to run twice or side by side (a delete of what is gone is a no-op).
/// </summary>
public sealed class BatonSweeper
{
    private readonly BatonExpiryIndex _index;
    private readonly BatonStore _batons;
    private readonly BatonSealStore _seals;
    private readonly TimeProvider _time;
    private readonly ILogger<BatonSweeper> _logger;

    public BatonSweeper(BatonExpiryIndex index, BatonStore batons, BatonSealStore seals, TimeProvider time, ILogger<BatonSweeper> logger)
    {
        _index = index;
        _batons = batons;
        _seals = seals;
        _time = time;
        _logger = logger;
    }

    /// <summary>Returns how many batons and tokens it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var due = await _index.DueAsync(_time.GetUtcNow(), cancellationToken);
        var deleted = 0;
        foreach (var entry in due)
        {
            var gone = entry.Kind == BatonExpiryIndex.BatonKind
                ? await _batons.DeleteAsync(entry.Key, cancellationToken)
                : await _seals.DeleteAsync(entry.Key, cancellationToken);
            deleted += gone ? 1 : 0;
            await _index.RemoveAsync(entry, cancellationToken);
        }

        if (due.Count > 0)
        {
            _logger.LogInformation("Baton sweep deleted {Deleted} of {Due} expired batons and agent tokens", deleted, due.Count);
        }

        return deleted;
    }
}
