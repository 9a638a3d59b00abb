namespace Connectors.Core.Storage;

/// <summary>The outcomes of a write that callers are expected to handle.</summary>
public enum TableWriteStatus
{
    Succeeded,
    /// <summary>404: the entity (or the table) does not exist.</summary>
    NotFound,
    /// <summary>409: an insert found the key taken.</summary>
    Conflict,
    /// <summary>412: the ETag no longer matches; someone else wrote first.</summary>
    PreconditionFailed,
}
