namespace Connectors.Core.Baton;

/// <summary>
/// New turns' redacted texts, in order; and, when the first new caller digits completed a card number begun in the
/// last stored caller turn, that turn's index in the stored transcript and its text with its part masked too.
/// </summary>
public sealed record BatonRedaction(IReadOnlyList<string> Texts, int? RewrittenStoredIndex, string? RewrittenStoredText);
