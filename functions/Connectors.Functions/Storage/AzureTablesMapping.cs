using System.Collections.Frozen;
using Azure;
using Connectors.Core.Storage;
using SdkAction = Azure.Data.Tables.TableTransactionAction;
using SdkActionType = Azure.Data.Tables.TableTransactionActionType;
using SdkEntity = Azure.Data.Tables.TableEntity;
using SdkUpdateMode = Azure.Data.Tables.TableUpdateMode;

namespace Connectors.Functions.Storage;

/// <summary>Translates Core's table types to Azure.Data.Tables' namesakes and back, and service statuses to Core's outcomes.</summary>
internal static class AzureTablesMapping
{
    // Keys the SDK keeps in an entity's dictionary beside the stored properties.
    private static readonly FrozenSet<string> SystemKeys =
        new[] { "PartitionKey", "RowKey", "Timestamp", "odata.etag" }.ToFrozenSet(StringComparer.Ordinal);

    public static SdkEntity ToSdk(TableEntity entity)
    {
        var sdk = new SdkEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            if (value is not null)
            {
                sdk[name] = value;
            }
        }

        return sdk;
    }

    public static TableEntity ToCore(SdkEntity sdk)
    {
        var entity = new TableEntity(sdk.PartitionKey, sdk.RowKey) { ETag = sdk.ETag.ToString(), Timestamp = sdk.Timestamp };
        foreach (var (name, value) in sdk)
        {
            if (!SystemKeys.Contains(name) && !name.Contains("@odata.", StringComparison.Ordinal))
            {
                entity[name] = value is BinaryData binary ? binary.ToArray() : value;
            }
        }

        return entity;
    }

    /// <summary>The statuses the port reports as results; null for every other failure.</summary>
    public static TableWriteStatus? ToOutcome(int status) => status switch
    {
        404 => TableWriteStatus.NotFound,
        409 => TableWriteStatus.Conflict,
        412 => TableWriteStatus.PreconditionFailed,
        _ => null,
    };

    public static SdkUpdateMode ToSdk(TableUpdateMode mode) =>
        mode == TableUpdateMode.Merge ? SdkUpdateMode.Merge : SdkUpdateMode.Replace;

    public static SdkAction ToSdk(TableTransactionAction action) => new(
        action.Type switch
        {
            TableTransactionActionType.Add => SdkActionType.Add,
            TableTransactionActionType.UpdateReplace => SdkActionType.UpdateReplace,
            TableTransactionActionType.UpdateMerge => SdkActionType.UpdateMerge,
            TableTransactionActionType.UpsertReplace => SdkActionType.UpsertReplace,
            TableTransactionActionType.UpsertMerge => SdkActionType.UpsertMerge,
            TableTransactionActionType.Delete => SdkActionType.Delete,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.Type, "Unknown transaction action."),
        },
        ToSdk(action.Entity),
        new ETag(action.IfMatch ?? "*"));
}
