namespace Connectors.Core.Auth.Senders;

/// <summary>One plain-text email to <see cref="To"/>.</summary>
public sealed record OutboundEmail(string To, string Subject, string Text, Guid RequestId);
