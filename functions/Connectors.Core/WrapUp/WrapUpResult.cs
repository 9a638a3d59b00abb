namespace Connectors.Core.WrapUp;

/// <summary>The orchestration's output: the committed disposition and the CRM ids, or why there was nothing to record.</summary>
public sealed record WrapUpResult(string CallId, string Status, DispositionDraft? Disposition, string? RecordId, string? NoteId)
{
    public const string Recorded = "recorded";
    public const string NoSession = "no-session";
}
