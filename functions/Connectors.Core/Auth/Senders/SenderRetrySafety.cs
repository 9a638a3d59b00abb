namespace Connectors.Core.Auth.Senders;

/// <summary>What a provider can recognise, and so what its pipeline may retry.</summary>
public enum SenderRetrySafety
{
    /// <summary>
    /// No idempotency key (Twilio Messages, Graph sendMail): retry only answers that prove nothing was done
    /// (429) and connections that were refused before any byte went out. A timeout is never retried.
    /// </summary>
    OnlyWhenNotReceived,

    /// <summary>Repeats are recognised (ACS repeatability fields) or harmless (token requests): retry every transient failure.</summary>
    Repeatable,
}
