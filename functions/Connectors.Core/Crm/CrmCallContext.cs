namespace Connectors.Core.Crm;

/// <summary>
/// Travels with every CRM request of a call (as an <see cref="HttpRequestMessage"/> option, see
/// <see cref="CrmRequestOptions"/>), so the last handler knows whose request it is and whether it is a dry run.
/// </summary>
public sealed record CrmCallContext(string CallId, bool DryRun);
