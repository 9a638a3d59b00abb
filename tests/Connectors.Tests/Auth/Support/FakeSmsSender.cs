using System.Collections.Concurrent;
using Connectors.Core.Auth.Senders;

namespace Connectors.Tests.Auth.Support;

/// <summary>A fake of the SMS port: keeps what it was asked to send and answers from a script (default: sent).</summary>
internal sealed class FakeSmsSender : ISmsSender
{
    private readonly ConcurrentQueue<SendResult> _answers = new();
    private readonly ConcurrentQueue<OutboundSms> _sent = new();

    public string Provider => "fake-sms";

    public IReadOnlyList<OutboundSms> Sent => _sent.ToList();

    /// <summary>Runs during a send, e.g. to look at the outbox while the send is in flight.</summary>
    public Func<OutboundSms, Task>? During { get; set; }

    public void AnswerNext(SendResult result) => _answers.Enqueue(result);

    public async Task<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(message);
        if (During is { } during)
        {
            await during(message);
        }

        return _answers.TryDequeue(out var answer) ? answer : SendResult.Sent("SM-fake");
    }
}
