using System.Globalization;
using System.Text.RegularExpressions;

namespace Connectors.Core.Storage;

/// <summary>
/// Refuses, before anything is sent, table names and keys that Table Storage would refuse with a bare 400
/// (or that Azurite would wrongly accept). Every refusal is a <see cref="TableStorageException"/> with
/// status 0, one of the codes below, and a message that says what to fix without repeating the key
/// (a key may be a phone number).
/// </summary>
internal static partial class TableKeyValidator
{
    public const string InvalidTableName = "InvalidTableName";
    public const string InvalidKey = "InvalidKey";
    public const string EntityTooLarge = "EntityTooLarge";

    /// <summary>
    /// Keys are at most 1 KiB. Measured as UTF-16, like every other size of the service, that is 512 characters,
    /// which is also where Azurite stops; the scalability page's "1,024 characters" would let through keys the
    /// emulator refuses.
    /// </summary>
    public const int MaxKeyCharacters = 512;

    public static void ValidateTableName(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!TableNamePattern().IsMatch(table) || string.Equals(table, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(InvalidTableName,
                $"'{table}' is not a valid table name: 3 to 63 letters or digits, starting with a letter, and not 'tables'.");
        }
    }

    public static void ValidateKey(string keyName, string key)
    {
        ArgumentNullException.ThrowIfNull(key, keyName);
        if (key.Length > MaxKeyCharacters)
        {
            throw Refused(InvalidKey, $"The {keyName} is {key.Length:N0} characters; Table Storage keys hold at most 1 KiB ({MaxKeyCharacters} UTF-16 characters).");
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
            {
                throw Refused(InvalidKey, string.Create(CultureInfo.InvariantCulture,
                    $"The {keyName} has the character U+{(int)c:X4} at position {i}; Table Storage keys may not hold / \\ # ? or control characters."));
            }
        }
    }

    private static TableStorageException Refused(string code, string message) => new(message, 0, code);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();
}
