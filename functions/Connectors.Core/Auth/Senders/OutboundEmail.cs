namespace Connectors.Core.Auth.Senders;

/// <summary>One email to <see cref="To"/>: plain text, or HTML when <see cref="Html"/> is set (the daily digest).</summary>
public sealed record OutboundEmail(string To, string Subject, string Text, Guid RequestId, string? Html = null);
