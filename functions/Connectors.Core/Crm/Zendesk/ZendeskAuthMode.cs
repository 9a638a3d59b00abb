namespace Connectors.Core.Crm.Zendesk;

/// <summary>How the connector authenticates to Zendesk.</summary>
public enum ZendeskAuthMode
{
    /// <summary>HTTP Basic with <c>{email}/token</c> and the API token as the password.</summary>
    ApiToken,

    /// <summary><c>Authorization: Bearer {token}</c> with an OAuth access token.</summary>
    OAuth,
}
