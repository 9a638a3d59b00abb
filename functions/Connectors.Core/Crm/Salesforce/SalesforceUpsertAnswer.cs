namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// What an upsert by external id answered: 201 (created), 200 with <c>created:false</c> (updated, v46+),
/// 204 (updated, before v46, no body), or a 4xx error array the writer may act on.
/// </summary>
public sealed record SalesforceUpsertAnswer(int Status, string? Id, bool? Created, IReadOnlyList<SalesforceError> Errors);
