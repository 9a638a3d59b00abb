namespace Connectors.Core.Crm;

/// <summary>A recent interaction with the account: a logged call, a ticket comment.</summary>
public sealed record CrmRecentContact(string Id, string Channel, string Summary, DateTimeOffset? At);
