namespace Connectors.Core.Crm;

/// <summary>
/// The CRM did not answer usefully in time: outage, throttling past our retries, an open circuit.
/// Reads degrade (offer a warm transfer); keyed writes are retried later. When
/// <see cref="OutcomeUnknown"/> is true a write may have committed: retry with the same key, never as "failed".
/// </summary>
public sealed class CrmUnavailableException : Exception
{
    public CrmUnavailableException(CrmKind crm, string reason, bool outcomeUnknown, Exception? innerException = null)
        : base($"{crm} is unavailable: {reason}", innerException)
    {
        Crm = crm;
        Reason = reason;
        OutcomeUnknown = outcomeUnknown;
    }

    public CrmUnavailableException()
        : this(CrmKind.Salesforce, "unavailable", false)
    {
    }

    public CrmUnavailableException(string message)
        : this(CrmKind.Salesforce, message, false)
    {
    }

    public CrmUnavailableException(string message, Exception innerException)
        : this(CrmKind.Salesforce, message, false, innerException)
    {
    }

    public CrmKind Crm { get; }

    /// <summary>A short machine-readable reason: <c>timeout</c>, <c>circuit-open</c>, <c>throttled</c>, <c>server-error</c>, <c>connection-failed</c>.</summary>
    public string Reason { get; }

    public bool OutcomeUnknown { get; }
}
