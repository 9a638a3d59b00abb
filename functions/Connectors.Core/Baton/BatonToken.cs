using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Core.Baton;

/// <summary>
/// The agent link's capability: 256 random bits, URL-safe base64 (43 characters). Only its SHA-256 is stored, so a
/// copy of the tables opens no baton; a presented token is looked up by its hash.
/// </summary>
public static class BatonToken
{
    public const int Bytes = 32;
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>Lower-case hex SHA-256 of the token: a table key, never the token.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>True when <paramref name="token"/> has the shape of one this class makes (anything else is not looked up).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && Base64Url.IsValid(token, out var decoded) && decoded == Bytes;
}
