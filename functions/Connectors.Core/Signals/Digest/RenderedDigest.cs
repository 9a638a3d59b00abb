namespace Connectors.Core.Signals.Digest;

/// <summary>A digest ready to send: the subject, the HTML mail, and the plain text for mail clients and the chat webhook.</summary>
public sealed record RenderedDigest(string Subject, string Html, string Text);
