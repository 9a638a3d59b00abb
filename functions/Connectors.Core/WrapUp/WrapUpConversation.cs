namespace Connectors.Core.WrapUp;

/// <summary>
/// What the conversation contributes to the wrap-up: the redacted transcript (the CRM note), the caller's
/// intent and the amounts spoken of. Loaded by <see cref="CallFactsLoader"/>; never holds unredacted text.
/// </summary>
public sealed record WrapUpConversation(string RedactedTranscript, string? Intent, IReadOnlyList<string> Amounts);
