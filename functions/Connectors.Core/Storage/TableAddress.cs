namespace Connectors.Core.Storage;

/// <summary>
/// The URLs of one table service (path-style for Azurite, host-style for Azure) and the protocol
/// constants every request carries.
/// </summary>
internal sealed class TableAddress
{
    /// <summary>Supports OAuth for tables and the JSON formats; Azurite accepts it too.</summary>
    public const string ApiVersion = "2019-02-02";

    public const string DataServiceVersion = "3.0;NetFx";

    /// <summary>Minimal metadata keeps the type annotations of Int64, DateTime, Guid and Binary values, and the ETag.</summary>
    public const string AcceptMinimalMetadata = "application/json;odata=minimalmetadata";

    private readonly string _root;

    public TableAddress(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _root = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Endpoint = new Uri(_root);
    }

    public Uri Endpoint { get; }

    public string Tables => _root + "/Tables";

    public string Batch => _root + "/$batch";

    public string Table(string table) => $"{_root}/{table}";

    public string Query(string table) => $"{_root}/{table}()";

    /// <summary>Keys go inside quoted literals: a quote is doubled, then everything but unreserved characters is escaped.</summary>
    public string Entity(string table, string partitionKey, string rowKey) =>
        $"{_root}/{table}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    public static string QuoteLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
