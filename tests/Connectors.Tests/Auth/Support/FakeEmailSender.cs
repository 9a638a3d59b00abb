using System.Collections.Concurrent;
using Connectors.Core.Auth.Senders;

namespace Connectors.Tests.Auth.Support;

/// <summary>A fake of the email port: keeps what it was asked to send; always "sent".</summary>
internal sealed class FakeEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<OutboundEmail> _sent = new();

    public string Provider => "fake-email";

    public IReadOnlyList<OutboundEmail> Sent => _sent.ToList();

    public Task<SendResult> SendAsync(OutboundEmail message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(message);
        return Task.FromResult(SendResult.Sent(null));
    }
}
