using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Connectors.Core.Auth.Senders;

/// <summary>Turns what a send threw into what we know about it: definitely not sent, or unknown.</summary>
public static class SendFailures
{
    /// <summary>True for the exceptions a sender turns into a <see cref="SendResult"/> rather than letting escape.</summary>
    public static bool IsSendFailure(Exception exception) => Find<TimeoutRejectedException>(exception) is not null
        || Find<BrokenCircuitException>(exception) is not null
        || Find<HttpRequestException>(exception) is not null
        || Find<OperationCanceledException>(exception) is not null;

    public static SendResult Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Find<BrokenCircuitException>(exception) is not null)
        {
            return SendResult.Failed("circuit-open");
        }

        if (Find<TimeoutRejectedException>(exception) is not null)
        {
            return SendResult.Unknown("timeout");
        }

        if (NeverReachedServer(exception))
        {
            return SendResult.Failed("connection-refused");
        }

        if (Find<HttpRequestException>(exception) is not null)
        {
            return SendResult.Unknown("connection-failed");
        }

        // The caller went away mid-send: the request may have left.
        return SendResult.Unknown("cancelled");
    }

    /// <summary>A refused connection or unresolvable host: no byte of the request reached the provider.</summary>
    public static bool NeverReachedServer(Exception exception) =>
        Find<SocketException>(exception) is { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable };

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
