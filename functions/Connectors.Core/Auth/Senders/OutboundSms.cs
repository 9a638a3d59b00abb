using Connectors.Core.Calls;

namespace Connectors.Core.Auth.Senders;

/// <summary>
/// One SMS. <see cref="RequestId"/> and <see cref="FirstSentAt"/> come from the outbox row, so a provider
/// with repeatable requests (ACS) recognises a retry of the same send. <see cref="ValidFor"/> lets a
/// provider drop a message that could no longer be used.
/// </summary>
public sealed record OutboundSms(PhoneNumber To, string Text, Guid RequestId, DateTimeOffset FirstSentAt, TimeSpan ValidFor);
