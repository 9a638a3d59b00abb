using System.Security.Cryptography;
using System.Text;
using Connectors.Core.Auth;

namespace Connectors.Core.Channels.Twilio;

/// <summary>
/// <c>X-Twilio-Signature</c> checked as Twilio's own validator checks it: Base64 HMAC-SHA1 under the account's Auth
/// Token over the full URL followed by each form parameter's name and value, names sorted ordinally. A JSON body is
/// signed through the URL alone, which then carries <c>bodySHA256</c> (hex SHA-256 of the raw body), checked too.
/// Because Twilio is not consistent about ports, the URL passes with the port as given, without it, or with the
/// scheme's default added. Every comparison is constant-time.
/// </summary>
public static class TwilioSignatureValidator
{
    public const string HeaderName = "X-Twilio-Signature";
    public const string BodyHashParameter = "bodySHA256";

    /// <summary>The signature Twilio sends for a form-encoded request to <paramref name="url"/>.</summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        var data = new StringBuilder(url);
        // Stable ordinal sort by name: repeated names keep the order they came in.
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value ?? string.Empty);
        }

        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>A form-encoded request (or a GET, with no parameters beyond the query string).</summary>
    public static bool IsValidForm(string? authToken, string url, IReadOnlyList<KeyValuePair<string, string>> parameters, string? signature)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            // Every variant is tried, so the time taken does not say which one matched.
            valid |= ConstantTimeComparer.Equal(Sign(authToken, candidate, parameters), signature);
        }

        return valid;
    }

    /// <summary>A JSON (or any non-form) body: the URL's <c>bodySHA256</c> must be the body's hash, and the URL alone is signed.</summary>
    public static bool IsValidBody(string? authToken, string url, ReadOnlySpan<byte> body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(url);
        var hash = QueryValue(url, BodyHashParameter);
        var bodyMatches = ConstantTimeComparer.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), hash?.ToLowerInvariant());
        return IsValidForm(authToken, url, [], signature) & bodyMatches;
    }

    /// <summary>The URL as given, without its port, and with the scheme's default port (Twilio signs either way).</summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            yield break;
        }

        var scheme = url[..schemeEnd].ToLowerInvariant();
        var authorityStart = schemeEnd + 3;
        var pathStart = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = pathStart < 0 ? url[authorityStart..] : url[authorityStart..pathStart];
        var rest = pathStart < 0 ? string.Empty : url[pathStart..];
        var at = authority.LastIndexOf('@');
        var userInfo = at >= 0 ? authority[..(at + 1)] : string.Empty;
        var hostPort = authority[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        var hasPort = colon >= 0 && !hostPort.EndsWith(']') && hostPort[(colon + 1)..].All(char.IsAsciiDigit) && colon < hostPort.Length - 1;
        var host = hasPort ? hostPort[..colon] : hostPort;
        var prefix = url[..authorityStart] + userInfo;
        if (hasPort)
        {
            yield return prefix + host + rest;
        }
        else if (scheme is "https" or "http")
        {
            yield return prefix + host + (scheme == "https" ? ":443" : ":80") + rest;
        }
    }

    private static string? QueryValue(string url, string name)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        foreach (var pair in url[(query + 1)..].Split('#')[0].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return null;
    }
}
