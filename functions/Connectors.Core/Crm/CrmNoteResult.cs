namespace Connectors.Core.Crm;

public sealed record CrmNoteResult(string NoteId, bool AlreadyPresent);
