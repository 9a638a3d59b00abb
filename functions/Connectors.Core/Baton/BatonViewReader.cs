namespace Connectors.Core.Baton;

/// <summary>
/// Opens an agent link: the sealed view behind a token, or nothing. A malformed, unknown or expired token all answer
/// null, so the caller cannot tell them apart.
/// </summary>
public sealed class BatonViewReader
{
    private readonly BatonSealStore _seals;
    private readonly TimeProvider _time;

    public BatonViewReader(BatonSealStore seals, TimeProvider time)
    {
        _seals = seals;
        _time = time;
    }

    public async Task<BatonView?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        if (!BatonToken.IsWellFormed(token))
        {
            return null;
        }

        var seal = await _seals.GetAsync(BatonToken.Hash(token!), cancellationToken);
        return seal is null || seal.ExpiresAt <= _time.GetUtcNow() ? null : seal.View;
    }
}
