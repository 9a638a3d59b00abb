namespace Connectors.Core.Crm;

/// <summary>Show a record (<c>user</c> or <c>ticket</c> in Zendesk; any record id in Salesforce) to one agent.</summary>
public sealed record ScreenPopRequest(string AgentId, string RecordType, string RecordId);
