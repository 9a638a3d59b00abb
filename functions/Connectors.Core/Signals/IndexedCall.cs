namespace Connectors.Core.Signals;

/// <summary>A call in <see cref="EndedCallIndex"/>: when its wrap-up started (it ended or was abandoned) and the CRM configured then.</summary>
public sealed record IndexedCall(string CallId, DateTimeOffset EndedAt, string Crm);
