using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Connectors.Core.Storage;

/// <summary>
/// Signs each attempt of a Table service request with the account key (the "SharedKey" scheme of the
/// Table service). It runs per retry, because the signature covers <c>x-ms-date</c>, which each attempt renews.
/// </summary>
internal sealed class TableSharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    internal const string DateHeader = "x-ms-date";

    private readonly string _accountName;
    private readonly byte[] _accountKey;
    private readonly TimeProvider _time;

    public TableSharedKeyPolicy(string accountName, byte[] accountKey, TimeProvider time)
    {
        _accountName = accountName;
        _accountKey = accountKey;
        _time = time;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue(DateHeader, date);
        request.Headers.TryGetValue("Content-Type", out var contentType);
        request.Headers.TryGetValue("Content-MD5", out var contentMd5);
        var stringToSign = BuildStringToSign(request.Method.Method, contentMd5, contentType, date, CanonicalizedResource(_accountName, request.Uri.ToUri()));
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {_accountName}:{Sign(stringToSign, _accountKey)}");
    }

    /// <summary>VERB, Content-MD5, Content-Type, Date and the canonicalized resource, one per line.</summary>
    internal static string BuildStringToSign(string verb, string? contentMd5, string? contentType, string date, string canonicalizedResource) =>
        string.Join('\n', verb, contentMd5 ?? string.Empty, contentType ?? string.Empty, date, canonicalizedResource);

    /// <summary>
    /// <c>/account/path</c> as sent on the wire (still escaped), plus <c>?comp=</c> when the request has one;
    /// the Table service signs no other query parameter.
    /// </summary>
    internal static string CanonicalizedResource(string accountName, Uri uri)
    {
        var resource = new StringBuilder("/").Append(accountName).Append(uri.AbsolutePath);
        foreach (var parameter in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (parameter.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                resource.Append("?comp=").Append(Uri.UnescapeDataString(parameter["comp=".Length..]));
                break;
            }
        }

        return resource.ToString();
    }

    internal static string Sign(string stringToSign, byte[] accountKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));
}
