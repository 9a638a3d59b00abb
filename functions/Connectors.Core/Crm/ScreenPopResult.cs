namespace Connectors.Core.Crm;

/// <summary>
/// <paramref name="Delivered"/> when the CRM pushed it to the agent's browser. When the CRM has no push
/// API (Salesforce), <paramref name="Url"/> is the record's address for the agent desktop to open.
/// </summary>
public sealed record ScreenPopResult(bool Delivered, string? Url, string? Reason = null);
