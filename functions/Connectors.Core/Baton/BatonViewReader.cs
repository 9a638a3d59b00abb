using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Baton;

/// <summary>
/// Opens an agent link: the sealed view behind a token, or nothing. A malformed, unknown or expired token all answer
/// null by one path (the seal is looked up by hash whatever the token's shape, then judged), so neither the answer nor
/// the work done tells them apart; each failure counts against the client's <see cref="BatonLookupLimiter"/>.
/// </summary>
public sealed class BatonViewReader
{
    private readonly BatonSealStore _seals;
    private readonly BatonLookupLimiter _limiter;
    private readonly TimeProvider _time;

    public BatonViewReader(BatonSealStore seals, BatonLookupLimiter limiter, TimeProvider time)
    {
        _seals = seals;
        _limiter = limiter;
        _time = time;
    }

    /// <summary>The client a request's lookups count against.</summary>
    public string ClientOf(HttpContext context) => _limiter.ClientOf(context);

    /// <summary>The view, or null; throws the 429 problem when <paramref name="client"/> has used up its failed lookups.</summary>
    public async Task<BatonView?> ReadAsync(string? token, string client, CancellationToken cancellationToken)
    {
        _limiter.EnsureAllowed(client);
        var seal = await _seals.GetAsync(BatonToken.Hash(token ?? string.Empty), cancellationToken);
        var view = BatonToken.IsWellFormed(token) && seal is not null && seal.ExpiresAt > _time.GetUtcNow() ? seal.View : null;
        if (view is null)
        {
            _limiter.RecordFailure(client);
        }

        return view;
    }
}
