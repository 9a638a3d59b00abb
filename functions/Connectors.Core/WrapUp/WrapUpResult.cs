namespace Connectors.Core.WrapUp;

/// <summary>The orchestration's output: the CRM ids, or why there was nothing to record. Ids only; the disposition is in <see cref="WrapUpDispositionStore"/>.</summary>
public sealed record WrapUpResult(string CallId, string Status, string? RecordId, string? NoteId)
{
    public const string Recorded = "recorded";
    public const string NoSession = "no-session";
}
