namespace Connectors.Simulators.Zendesk;

/// <summary>How one Zendesk simulator behaves. The defaults match local.settings.sample.json.</summary>
public sealed record ZendeskSimulatorSettings
{
    /// <summary>The agent the API token belongs to (a seeded agent).</summary>
    public string AgentEmail { get; init; } = ZendeskSeedData.IntegrationAgentEmail;

    public string ApiToken { get; init; } = "local-fake-zendesk-api-token";

    public string OAuthToken { get; init; } = "local-fake-zendesk-oauth-token";

    /// <summary>Account-wide requests per <see cref="RateLimitWindow"/> (Zendesk: per minute, 700 on Enterprise).</summary>
    public int RequestsPerWindow { get; init; } = 700;

    /// <summary>Zendesk counts per minute; tests shorten it so a Retry-After is a second or two.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Updates of one ticket per ten minutes before a 429 (Zendesk: 30).</summary>
    public int TicketUpdatesPerTenMinutes { get; init; } = 30;

    /// <summary>How long a new user or ticket stays out of search results.</summary>
    public TimeSpan SearchIndexLag { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long Zendesk remembers an Idempotency-Key (about two hours).</summary>
    public TimeSpan IdempotencyKeyLifetime { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The clock under the simulator's business time (key expiry, stamps, index lag, rate windows).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Start with the messy seed data (shared phones, a ported number, twins, a customer with no phone).</summary>
    public bool Seed { get; init; } = true;
}
