namespace Connectors.Core.Crm.Zendesk;

/// <summary>The voice ticket of a call; <paramref name="AlreadyPresent"/> when an earlier attempt made it.</summary>
public sealed record ZendeskVoiceTicketResult(string TicketId, bool AlreadyPresent);
