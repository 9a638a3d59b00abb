using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Storage;

/// <summary>
/// Opens the deployment's tables on the one <see cref="TableServiceClient"/> both hosts register, each name
/// under <see cref="StorageOptions.TablePrefix"/>. A store takes this and opens its table in one line:
/// <c>_table = tables.Open&lt;CallSession&gt;(TableName);</c>.
/// </summary>
public sealed class DocumentTableFactory(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly string _prefix = options.Value.TablePrefix;

    /// <summary>The documents of <c>{TablePrefix}{tableName}</c>; the table is created on first use.</summary>
    public DocumentTable<T> Open<T>(string tableName)
        where T : class => new(GetTableClient(tableName));

    /// <summary>The SDK's client of <c>{TablePrefix}{tableName}</c>, for what is not a document (the health probe).</summary>
    public TableClient GetTableClient(string tableName)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        return service.GetTableClient(_prefix + tableName);
    }
}
