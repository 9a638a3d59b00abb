using System.Buffers.Text;
using System.Text;

namespace Connectors.Core.Storage;

/// <summary>
/// Folds the service's two continuation values (next partition key, next row key) into the one opaque
/// string the port hands out, and back. Each half is base64url so neither can contain the separator.
/// </summary>
internal static class TableContinuationToken
{
    private const char Separator = '.';

    public static string? Combine(string? nextPartitionKey, string? nextRowKey)
    {
        if (string.IsNullOrEmpty(nextPartitionKey) && string.IsNullOrEmpty(nextRowKey))
        {
            return null;
        }

        return Encode(nextPartitionKey) + Separator + Encode(nextRowKey);
    }

    public static (string? NextPartitionKey, string? NextRowKey) Split(string token)
    {
        var separator = token.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0 || token.IndexOf(Separator, separator + 1) >= 0
            || !TryDecode(token[..separator], out var partitionKey) || !TryDecode(token[(separator + 1)..], out var rowKey))
        {
            throw TableRequestValidator.Refused(TableRequestValidator.InvalidContinuationToken,
                "The continuation token was not produced by this client; pass back the token of the previous page unchanged.");
        }

        return (partitionKey, rowKey);
    }

    private static string Encode(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    private static bool TryDecode(string encoded, out string? value)
    {
        value = null;
        if (encoded.Length == 0)
        {
            return true;
        }

        if (!Base64Url.IsValid(encoded))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        return true;
    }
}
