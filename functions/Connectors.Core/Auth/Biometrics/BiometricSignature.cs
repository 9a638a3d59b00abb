using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Core.Auth.Biometrics;

/// <summary>
/// The verdict signature: header <c>X-Biometric-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>
/// over the bytes of <c>{t}.{raw body}</c> under the vendor's secret. Several <c>v1</c> values may be
/// sent while a vendor rotates its secret; one matching is enough. The timestamp is inside the signed
/// bytes, so it cannot be moved to dodge the tolerance.
/// </summary>
public static class BiometricSignature
{
    public const string HeaderName = "X-Biometric-Signature";
    public const string VendorHeaderName = "X-Biometric-Vendor";
    private const int MaxHeaderLength = 1024;

    /// <summary>The header value a vendor sends for <paramref name="body"/> at <paramref name="unixSeconds"/>.</summary>
    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        "t=" + unixSeconds.ToString(CultureInfo.InvariantCulture) + ",v1=" + Convert.ToHexStringLower(Compute(secret, unixSeconds, body));

    public static BiometricSignatureCheck Validate(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header) || header.Length > MaxHeaderLength)
        {
            return BiometricSignatureCheck.Malformed;
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return BiometricSignatureCheck.Malformed;
            }

            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t")
            {
                if (timestamp is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                {
                    return BiometricSignatureCheck.Malformed;
                }

                timestamp = t;
            }
            else if (key == "v1")
            {
                if (value.Length != SHA256.HashSizeInBytes * 2 || !IsHex(value))
                {
                    return BiometricSignatureCheck.Malformed;
                }

                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (timestamp is not { } signedAt || signatures.Count == 0)
        {
            return BiometricSignatureCheck.Malformed;
        }

        var age = now.ToUnixTimeSeconds() - signedAt;
        if (age > tolerance.TotalSeconds || -age > tolerance.TotalSeconds)
        {
            return BiometricSignatureCheck.Stale;
        }

        var expected = Compute(secret, signedAt, body);
        var matched = false;
        foreach (var signature in signatures)
        {
            matched |= ConstantTimeComparer.EqualBytes(expected, signature);
        }

        return matched ? BiometricSignatureCheck.Valid : BiometricSignatureCheck.Mismatch;
    }

    private static byte[] Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);
}
