namespace Connectors.Core.Crm;

public enum DispositionWriteOutcome
{
    /// <summary>This write made the record.</summary>
    Created,
    /// <summary>A record with the key existed and was brought up to date.</summary>
    Updated,
    /// <summary>An earlier attempt (perhaps one that timed out) already made it; nothing new was written.</summary>
    AlreadyPresent,
}
