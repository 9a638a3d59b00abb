namespace Connectors.Core.Crm.Zendesk;

/// <summary>What kind of call a Talk Partner Edition voice ticket records; the values are Zendesk's <c>via_id</c>.</summary>
public enum ZendeskCallDirection
{
    Voicemail = 44,
    Inbound = 45,
    Outbound = 46,
}
