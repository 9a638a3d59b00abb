namespace Connectors.Core.Storage;

/// <summary>A Table Storage failure that is not an expected outcome: bad input, auth, throttling after retries, outage.</summary>
public sealed class TableStorageException : Exception
{
    public TableStorageException(string message, int status = 0, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public TableStorageException()
    {
    }

    public TableStorageException(string message)
        : base(message)
    {
    }

    public TableStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP status from the service, or 0 when the request never got an answer or was refused before sending.</summary>
    public int Status { get; }

    public string? ErrorCode { get; }
}
