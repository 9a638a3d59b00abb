namespace Connectors.Core.Crm;

/// <summary>
/// The CRM refused the request for a reason a retry cannot fix: a malformed payload, a missing field,
/// several records sharing one external id (HTTP 300), bad credentials. Logged loudly and parked.
/// </summary>
public sealed class CrmRejectedException : Exception
{
    public CrmRejectedException(CrmKind crm, int status, string errorCode, string message, Exception? innerException = null)
        : base($"{crm} rejected the request ({status} {errorCode}): {message}", innerException)
    {
        Crm = crm;
        Status = status;
        ErrorCode = errorCode;
    }

    public CrmRejectedException()
        : this(CrmKind.Salesforce, 400, "rejected", "rejected")
    {
    }

    public CrmRejectedException(string message)
        : this(CrmKind.Salesforce, 400, "rejected", message)
    {
    }

    public CrmRejectedException(string message, Exception innerException)
        : this(CrmKind.Salesforce, 400, "rejected", message, innerException)
    {
    }

    public CrmKind Crm { get; }

    public int Status { get; }

    public string ErrorCode { get; }
}
