using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// The org's access token, shared by every request of the deployment (one deployment, one org). A
/// refresh is single-flight: however many requests find the token missing, stale or refused at once,
/// one token request is made and all of them await it.
/// </summary>
public sealed class SalesforceTokenCache
{
    private readonly SalesforceTokenClient _client;
    private readonly IOptions<SalesforceOptions> _options;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private SalesforceAccessToken? _current;
    private Task<SalesforceAccessToken>? _inFlight;

    public SalesforceTokenCache(SalesforceTokenClient client, IOptions<SalesforceOptions> options, TimeProvider time)
    {
        _client = client;
        _options = options;
        _time = time;
    }

    /// <summary>The cached token, or a new one when there is none or it is older than <see cref="SalesforceOptions.TokenRefreshAfter"/>.</summary>
    public Task<SalesforceAccessToken> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _current is { } current && !IsOld(current)
                ? Task.FromResult(current)
                : JoinRefresh(cancellationToken);
        }
    }

    /// <summary>
    /// Replaces <paramref name="refused"/> (the token Salesforce just refused) with a new one, unless another
    /// request already replaced it, in which case that replacement is returned and no token request is made.
    /// </summary>
    public Task<SalesforceAccessToken> RefreshAsync(SalesforceAccessToken refused, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _current is { } current && !ReferenceEquals(current, refused) && !IsOld(current)
                ? Task.FromResult(current)
                : JoinRefresh(cancellationToken);
        }
    }

    private Task<SalesforceAccessToken> JoinRefresh(CancellationToken cancellationToken)
    {
        _inFlight ??= FetchAsync();
        return _inFlight.WaitAsync(cancellationToken);
    }

    private async Task<SalesforceAccessToken> FetchAsync()
    {
        // Leave the caller's lock before anything can complete, so _inFlight is always cleared after it is set.
        await Task.Yield();
        try
        {
            // Not the caller's token: one caller giving up must not fail the others awaiting this refresh.
            var token = await _client.RequestAsync(CancellationToken.None);
            lock (_gate)
            {
                _current = token;
            }

            return token;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }

    private bool IsOld(SalesforceAccessToken token) => _time.GetUtcNow() - token.ObtainedAt >= _options.Value.TokenRefreshAfter;
}
