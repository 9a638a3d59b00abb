using Connectors.Core.Calls;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>The SMS geo-permission decision: a number may receive a code only under an allowed E.164 prefix.</summary>
public static class SmsCountryAllowList
{
    public static bool Allows(IEnumerable<string> prefixes, PhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        ArgumentNullException.ThrowIfNull(number);
        return prefixes.Any(p => number.Digits.StartsWith(p, StringComparison.Ordinal));
    }
}
