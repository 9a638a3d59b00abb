namespace Connectors.Core.Auth.Senders;

/// <summary>Sends an SMS through the configured provider (Twilio Programmable Messaging or ACS SMS).</summary>
public interface ISmsSender
{
    /// <summary><c>twilio</c> or <c>acs</c>: recorded on the outbox row and the send metric.</summary>
    string Provider { get; }

    /// <summary>Never throws for provider or transport failures: they are the <see cref="SendResult"/>.</summary>
    Task<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken);
}
