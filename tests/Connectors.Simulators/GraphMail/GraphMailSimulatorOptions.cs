namespace Connectors.Simulators.GraphMail;

/// <summary>The simulated tenant, app registration and mailboxes. Defaults match the local settings (fake secret).</summary>
public sealed record GraphMailSimulatorOptions
{
    public string TenantId { get; init; } = "00000000-0000-0000-0000-00000000000a";

    public string ClientId { get; init; } = "00000000-0000-0000-0000-00000000000b";

    public string ClientSecret { get; init; } = "local-fake-graph-client-secret";

    /// <summary>Mailboxes the app may send as (its application access policy).</summary>
    public IReadOnlySet<string> Mailboxes { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "verify@contoso.example" };

    /// <summary>Outlook's per-mailbox concurrency limit: past it, 429.</summary>
    public int MaxConcurrentRequestsPerMailbox { get; init; } = 4;

    /// <summary>The service's clock (token expiry); tests share theirs.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);
}
