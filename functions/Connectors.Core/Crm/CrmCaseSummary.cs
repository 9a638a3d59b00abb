namespace Connectors.Core.Crm;

/// <summary>An open case (Salesforce) or ticket (Zendesk) on the account.</summary>
public sealed record CrmCaseSummary(string Id, string Subject, string Status, DateTimeOffset? OpenedAt);
