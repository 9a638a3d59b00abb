using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Senders.Acs;

/// <summary>
/// Signs each ACS request with the resource access key: HMAC-SHA256 over
/// <c>METHOD\npath?query\nx-ms-date;host;x-ms-content-sha256</c>, sent as
/// <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=...</c>.
/// It sits below the resilience handler, so a retried attempt carries a fresh date and signature.
/// </summary>
public sealed class AcsRequestSigningHandler : DelegatingHandler
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public AcsRequestSigningHandler(IOptions<AcsSmsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = Convert.FromBase64String(options.Value.AccessKey);
        _time = time;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var date = _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        var (contentHash, authorization) = Sign(_key, request.Method.Method, request.RequestUri!, date, body);
        request.Headers.Remove("x-ms-date");
        request.Headers.Remove("x-ms-content-sha256");
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-content-sha256", contentHash);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The content hash and Authorization value for one request.</summary>
    public static (string ContentHash, string Authorization) Sign(byte[] key, string method, Uri uri, string date, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var stringToSign = $"{method.ToUpperInvariant()}\n{uri.PathAndQuery}\n{date};{uri.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return (contentHash, $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
    }
}
