namespace Connectors.Core.Auth.Senders;

/// <summary>Sends an email from the configured mailbox (Microsoft Graph sendMail).</summary>
public interface IEmailSender
{
    string Provider { get; }

    /// <summary>Never throws for provider or transport failures: they are the <see cref="SendResult"/>.</summary>
    Task<SendResult> SendAsync(OutboundEmail message, CancellationToken cancellationToken);
}
