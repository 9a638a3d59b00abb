namespace Connectors.Simulators.Salesforce;

/// <summary>An error the simulated API answers with its documented body: <c>[{message, errorCode, fields}]</c>.</summary>
public sealed class SalesforceApiException : Exception
{
    public SalesforceApiException(int status, string errorCode, string message, params string[] fields)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
        Fields = fields;
    }

    public SalesforceApiException()
        : this(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred.")
    {
    }

    public SalesforceApiException(string message)
        : this(400, "UNKNOWN_EXCEPTION", message)
    {
    }

    public SalesforceApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        ErrorCode = "UNKNOWN_EXCEPTION";
        Fields = [];
    }

    public int Status { get; }

    public string ErrorCode { get; }

    public IReadOnlyList<string> Fields { get; }

    public static SalesforceApiException MalformedQuery(string message) => new(400, "MALFORMED_QUERY", message);
}
