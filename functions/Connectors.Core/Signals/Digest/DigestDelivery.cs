namespace Connectors.Core.Signals.Digest;

/// <summary>A day's digest in the <c>Digests</c> table: which recipients and whether the webhook already have it, so a second run sends only what is missing.</summary>
public sealed record DigestDelivery(string Day, IReadOnlyList<string> MailedTo, bool WebhookPosted, DateTimeOffset UpdatedAt);
