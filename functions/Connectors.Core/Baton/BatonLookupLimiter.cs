using System.Net;
using System.Threading.RateLimiting;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Baton;

/// <summary>
/// Bounds guessing at agent links: each client (by address) may fail <see cref="BatonOptions.FailedLookupsPerWindow"/>
/// token lookups per <see cref="BatonOptions.FailedLookupWindow"/>; past that, every baton lookup it makes is a 429
/// before any lookup is done. A wrong, expired or malformed token all cost the same one permit, so no answer tells them apart.
/// </summary>
public sealed class BatonLookupLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly TimeSpan _window;
    private readonly bool _trustForwardedFor;

    public BatonLookupLimiter(IOptions<BatonOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _window = value.FailedLookupWindow;
        _trustForwardedFor = value.TrustForwardedFor;
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = value.FailedLookupsPerWindow,
            Window = value.FailedLookupWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The client a request counts against: the platform's forwarded address in Azure (the last hop it added), else the socket's.</summary>
    public string ClientOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_trustForwardedFor && context.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',')[^1].Trim();
            // App Service writes "address:port"; an IPv6 address in brackets keeps its colons.
            return IPEndPoint.TryParse(last, out var endpoint) ? endpoint.Address.ToString() : last;
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>Throws the 429 problem when <paramref name="client"/> has no failed lookups left in this window.</summary>
    public void EnsureAllowed(string client)
    {
        using var lease = _failures.AttemptAcquire(client, 0);
        if (!lease.IsAcquired)
        {
            throw TooMany();
        }
    }

    /// <summary>Counts one failed lookup against <paramref name="client"/>.</summary>
    public void RecordFailure(string client)
    {
        using var lease = _failures.AttemptAcquire(client, 1);
    }

    /// <summary>Failed lookups <paramref name="client"/> may still make in this window.</summary>
    public long Remaining(string client) => _failures.GetStatistics(client)?.CurrentAvailablePermits ?? 0;

    public void Dispose() => _failures.Dispose();

    private ProblemException TooMany() =>
        new(429, "too-many-link-lookups", "Too many agent link lookups", "Too many agent links that do not open were tried from this address; wait, then open the link from the transfer.")
        {
            RetryAfter = _window,
        };
}
