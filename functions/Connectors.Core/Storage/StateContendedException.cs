namespace Connectors.Core.Storage;

/// <summary>
/// Other writers kept changing the same entity while this one tried to change it. Contention, not an outage:
/// each host answers it as a retryable 409 problem with Retry-After, and nothing was written by this attempt.
/// </summary>
public sealed class StateContendedException : Exception
{
    public StateContendedException()
        : this("The entity kept changing under every attempt to change it.")
    {
    }

    public StateContendedException(string message)
        : base(message)
    {
    }

    public StateContendedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
