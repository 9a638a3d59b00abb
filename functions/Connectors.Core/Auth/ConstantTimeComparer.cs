using System.Security.Cryptography;
using System.Text;

namespace Connectors.Core.Auth;

/// <summary>
/// Comparisons whose duration does not depend on where the inputs differ. Strings are hashed first so that
/// neither their content nor their length shows in the timing.
/// </summary>
public static class ConstantTimeComparer
{
    /// <summary>True when both are non-null and equal, ordinally. Null never equals anything.</summary>
    public static bool Equal(string? expected, string? presented)
    {
        Span<byte> left = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> right = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? string.Empty), left);
        SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty), right);
        // Always do the comparison, so a null costs what a mismatch costs.
        var same = CryptographicOperations.FixedTimeEquals(left, right);
        return same & expected is not null & presented is not null;
    }

    /// <summary>For fixed-length digests (HMACs): a length mismatch means malformed input, not a secret.</summary>
    public static bool EqualBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> presented) =>
        CryptographicOperations.FixedTimeEquals(expected, presented);
}
