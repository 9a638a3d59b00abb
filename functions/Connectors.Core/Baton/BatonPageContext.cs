namespace Connectors.Core.Baton;

/// <summary>What the agent page shows beside the sealed view: the CRM record's link, the report already given, and now (for the expiry).</summary>
public sealed record BatonPageContext(Uri? CrmRecordUrl, string? FeedbackGiven, DateTimeOffset Now);
