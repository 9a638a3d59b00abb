namespace Connectors.Core.Channels;

/// <summary>
/// One platform request, translated: which call, which action (<see cref="ChannelActions"/>), its flat parameters,
/// and the platform's retry key (Twilio's <c>I-Twilio-Idempotency-Token</c>, a hash of Connect's event, a webhook's
/// request id) so a retried request changes nothing more.
/// </summary>
public sealed record ChannelCommand(
    string Platform,
    string CallId,
    string Action,
    IReadOnlyDictionary<string, string> Parameters,
    string? RetryKey);
