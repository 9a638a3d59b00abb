using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Connectors.Simulators.Salesforce;

/// <summary>Issues session tokens shaped like Salesforce's (org id, '!', opaque part) and says whether one is still valid.</summary>
public sealed class SalesforceTokenIssuer
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly TimeProvider _clock;

    public SalesforceTokenIssuer(TimeProvider clock)
    {
        _clock = clock;
    }

    public const string OrgId = "00D5g000004SimQEAU";
    public const string UserId = "0055g00000SimUSAA2";

    /// <summary>Every token issued so far, oldest first.</summary>
    public IReadOnlyList<string> Issued => _order.ToList();

    public string Issue()
    {
        var token = OrgId[..15] + "!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(72)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        _issued[token] = _clock.GetUtcNow();
        _order.Enqueue(token);
        return token;
    }

    public bool IsValid(string? token, TimeSpan ttl) =>
        token is not null && _issued.TryGetValue(token, out var issuedAt) && _clock.GetUtcNow() - issuedAt < ttl;

    /// <summary>Ends every session, as an administrator revoking the app's tokens does.</summary>
    public void RevokeAll() => _issued.Clear();
}
