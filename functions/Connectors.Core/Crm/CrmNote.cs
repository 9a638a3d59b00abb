namespace Connectors.Core.Crm;

/// <summary>A note or transcript for a record. <see cref="Body"/> must already be redacted.</summary>
public sealed record CrmNote(string CallKey, string RecordId, string NoteName, string Title, string Body);
