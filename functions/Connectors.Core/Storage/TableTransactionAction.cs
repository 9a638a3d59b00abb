namespace Connectors.Core.Storage;

/// <summary>One operation of an entity group transaction. <paramref name="IfMatch"/> applies to updates and deletes ("*" when null).</summary>
public sealed record TableTransactionAction(TableTransactionActionType Type, TableEntity Entity, string? IfMatch = null);
