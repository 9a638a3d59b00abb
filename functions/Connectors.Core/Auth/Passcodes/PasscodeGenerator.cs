using System.Globalization;
using System.Security.Cryptography;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>Six-digit codes from the operating system's CSPRNG (≈ 20 bits, the NIST minimum for OOB secrets).</summary>
public static class PasscodeGenerator
{
    public const int Length = 6;

    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Digits of what the caller entered (spaces and dashes dropped); null unless exactly six digits.</summary>
    public static string? Normalize(string? entered)
    {
        if (entered is null)
        {
            return null;
        }

        var digits = new string(entered.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return digits.Length == Length && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
