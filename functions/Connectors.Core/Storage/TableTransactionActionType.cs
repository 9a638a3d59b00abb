namespace Connectors.Core.Storage;

public enum TableTransactionActionType
{
    Add,
    UpdateReplace,
    UpdateMerge,
    UpsertReplace,
    UpsertMerge,
    Delete,
}
