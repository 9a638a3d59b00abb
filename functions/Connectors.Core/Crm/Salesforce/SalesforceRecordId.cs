using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Salesforce record ids: 15 case-sensitive characters (a 3-character key prefix naming the object,
/// then pod and counter), usually sent as 18 with a 3-character suffix that encodes the case of the
/// first 15 so the id survives case-insensitive systems.
/// </summary>
public static class SalesforceRecordId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private static readonly Dictionary<string, string> KnownPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Account"] = "001",
        ["Contact"] = "003",
        ["Opportunity"] = "006",
        ["Lead"] = "00Q",
        ["Task"] = "00T",
        ["Event"] = "00U",
        ["Case"] = "500",
        ["VoiceCall"] = "0LQ",
    };

    /// <summary>A 15- or 18-character id of letters and digits whose suffix, if any, matches.</summary>
    public static bool IsValid([NotNullWhen(true)] string? id)
    {
        if (id is null || (id.Length != 15 && id.Length != 18) || !id.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        return id.Length == 15 || string.Equals(WithSuffix(id[..15])[15..], id[15..], StringComparison.Ordinal);
    }

    /// <summary>The 18-character form of a 15-character id.</summary>
    public static string WithSuffix(string id15)
    {
        ArgumentNullException.ThrowIfNull(id15);
        if (id15.Length != 15)
        {
            throw new ArgumentException("A short Salesforce id has 15 characters.", nameof(id15));
        }

        var suffix = new char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = SuffixAlphabet[bits];
        }

        return id15 + new string(suffix);
    }

    /// <summary>The key prefix of a standard object, or a custom-object-like one (a0…) derived from the name.</summary>
    public static string KeyPrefixFor(string objectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        if (KnownPrefixes.TryGetValue(objectName, out var prefix))
        {
            return prefix;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(objectName.ToUpperInvariant()));
        return "a0" + Base62[hash[0] % Base62.Length];
    }

    /// <summary>A realistic 18-character id for <paramref name="objectName"/>, the same every time for the same <paramref name="seed"/>.</summary>
    public static string Derive(string objectName, string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(objectName + "\n" + seed));
        var id = new StringBuilder(KeyPrefixFor(objectName)).Append("5e0");
        for (var i = 0; i < 9; i++)
        {
            id.Append(Base62[hash[i] % Base62.Length]);
        }

        return WithSuffix(id.ToString());
    }
}
