namespace Connectors.Core.Auth.Senders.Graph;

/// <summary>The token endpoint refused or did not answer; <see cref="ErrorCode"/> is its <c>error</c> (never the description).</summary>
public sealed class GraphTokenException : Exception
{
    public GraphTokenException(int status, string? errorCode)
        : base($"The token endpoint answered HTTP {status}{(errorCode is null ? string.Empty : " " + errorCode)}.")
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public GraphTokenException()
    {
    }

    public GraphTokenException(string message)
        : base(message)
    {
    }

    public GraphTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; }

    public string? ErrorCode { get; }
}
