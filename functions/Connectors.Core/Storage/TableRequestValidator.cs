using System.Globalization;
using System.Text.RegularExpressions;

namespace Connectors.Core.Storage;

/// <summary>
/// Refuses, before anything is sent, what Table Storage would refuse or what Azurite would wrongly accept
/// (oversize entities, cross-partition transactions): the client's own checks are what enforce the limits
/// in tests, so they follow the real service. Every refusal is a <see cref="TableStorageException"/> with
/// status 0 and one of the codes below.
/// </summary>
internal static partial class TableRequestValidator
{
    public const string InvalidTableName = "InvalidTableName";
    public const string InvalidKey = "InvalidKey";
    public const string InvalidPropertyName = "InvalidPropertyName";
    public const string UnsupportedPropertyType = "UnsupportedPropertyType";
    public const string PropertyValueTooLarge = "PropertyValueTooLarge";
    public const string InvalidPropertyValue = "InvalidPropertyValue";
    public const string TooManyProperties = "TooManyProperties";
    public const string EntityTooLarge = "EntityTooLarge";
    public const string InvalidTransaction = "InvalidTransaction";
    public const string InvalidContinuationToken = "InvalidContinuationToken";

    /// <summary>
    /// Keys are at most 1 KiB. Measured as UTF-16, like every other size of the service, that is 512 characters,
    /// which is also where Azurite stops; the scalability page's "1,024 characters" would let through keys the
    /// emulator refuses.
    /// </summary>
    public const int MaxKeyCharacters = 512;

    /// <summary>An Edm.String holds at most 64 KiB of UTF-16.</summary>
    public const int MaxStringCharacters = 32 * 1024;

    public const int MaxBinaryBytes = 64 * 1024;

    public const int MaxPropertyNameCharacters = 255;

    /// <summary>255 properties per entity, PartitionKey, RowKey and Timestamp included.</summary>
    public const int MaxProperties = 255;

    private const int SystemProperties = 3;

    public const int MaxEntityBytes = 1024 * 1024;

    public const int MaxTransactionActions = 100;

    /// <summary>The service refuses a transaction body of 4 MiB or more.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    private static readonly DateTime MinDateTime = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly HashSet<string> ReservedPropertyNames = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "ETag" };

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
                // The key itself is not repeated: it may be a phone number or another identifier.
                throw Refused(InvalidKey, string.Create(CultureInfo.InvariantCulture,
                    $"The {keyName} has the character U+{(int)c:X4} at position {i}; Table Storage keys may not hold / \\ # ? or control characters."));
            }
        }
    }

    /// <summary>Keys, property names, types and sizes of one entity.</summary>
    public static void ValidateEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(nameof(TableEntity.PartitionKey), entity.PartitionKey);
        ValidateKey(nameof(TableEntity.RowKey), entity.RowKey);

        // 4 bytes, the keys, and the Timestamp the service adds (8 + name + 8), per the documented size formula.
        long size = 4 + (2L * (entity.PartitionKey.Length + entity.RowKey.Length)) + 8 + (2 * "Timestamp".Length) + 8;
        var count = SystemProperties;
        foreach (var (name, value) in entity.Properties)
        {
            if (value is null)
            {
                continue;
            }

            ValidatePropertyName(name);
            count++;
            size += 8 + (2L * name.Length) + ValueSize(name, value);
        }

        if (count > MaxProperties)
        {
            throw Refused(TooManyProperties,
                $"The entity has {count - SystemProperties} properties; Table Storage holds at most {MaxProperties - SystemProperties} besides PartitionKey, RowKey and Timestamp.");
        }

        if (size > MaxEntityBytes)
        {
            throw Refused(EntityTooLarge, $"The entity is {size:N0} bytes; Table Storage holds at most 1 MiB ({MaxEntityBytes:N0} bytes) per entity.");
        }
    }

    /// <summary>1 to 100 operations, one partition, each entity at most once; each entity valid on its own.</summary>
    public static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw Refused(InvalidTransaction, $"A transaction holds 1 to {MaxTransactionActions} operations, not {actions.Count:N0}.");
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            if (actions[i].Type == TableTransactionActionType.Delete)
            {
                ValidateKey(nameof(TableEntity.PartitionKey), entity.PartitionKey);
                ValidateKey(nameof(TableEntity.RowKey), entity.RowKey);
            }
            else
            {
                ValidateEntity(entity);
            }

            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw Refused(InvalidTransaction, $"Operation {i} is in another partition than operation 0; a transaction stays in one partition.");
            }

            if (!rowKeys.Add(entity.RowKey))
            {
                throw Refused(InvalidTransaction, $"Operation {i} touches an entity an earlier operation already touches; a transaction names each entity once.");
            }
        }
    }

    public static void ValidatePageSize(int? pageSize)
    {
        if (pageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds 1 to 1,000 entities.");
        }
    }

    public static TableStorageException Refused(string code, string message) => new(message, 0, code);

    private static void ValidatePropertyName(string name)
    {
        if (name.Length is 0 or > MaxPropertyNameCharacters || ReservedPropertyNames.Contains(name)
            || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            throw Refused(InvalidPropertyName,
                $"'{Shorten(name)}' is not a valid property name: 1 to {MaxPropertyNameCharacters} letters, digits or '_', starting with a letter or '_', and not PartitionKey, RowKey, Timestamp or ETag.");
        }
    }

    private static long ValueSize(string name, object value) => value switch
    {
        string s when s.Length > MaxStringCharacters =>
            throw Refused(PropertyValueTooLarge, $"Property '{name}' is a string of {s.Length:N0} characters; a string property holds at most 64 KiB ({MaxStringCharacters:N0} characters)."),
        string s => 4 + (2L * s.Length),
        byte[] b when b.Length > MaxBinaryBytes =>
            throw Refused(PropertyValueTooLarge, $"Property '{name}' is {b.Length:N0} bytes of binary; a binary property holds at most 64 KiB ({MaxBinaryBytes:N0} bytes)."),
        byte[] b => 4 + b.Length,
        bool => 1,
        int => 4,
        long or double => 8,
        DateTimeOffset d when d.UtcDateTime < MinDateTime => throw TooEarly(name),
        DateTime d when d.ToUniversalTime() < MinDateTime => throw TooEarly(name),
        DateTimeOffset or DateTime => 8,
        Guid => 16,
        _ => throw Refused(UnsupportedPropertyType,
            $"Property '{name}' is a {value.GetType().Name}; Table Storage stores string, bool, int, long, double, DateTimeOffset, DateTime, Guid or byte[]."),
    };

    private static TableStorageException TooEarly(string name) =>
        Refused(InvalidPropertyValue, $"Property '{name}' is a date before 1601-01-01, the earliest an Edm.DateTime holds.");

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();
}
