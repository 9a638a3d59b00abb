namespace Connectors.Core.Crm.DryRun;

/// <summary>The answer a dry run gives in place of the CRM: what the real API would have said.</summary>
public sealed record DryRunReply(int Status, string? JsonBody, string? RecordId, IReadOnlyDictionary<string, string>? Headers = null);
