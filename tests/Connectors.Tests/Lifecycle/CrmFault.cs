namespace Connectors.Tests.Lifecycle;

/// <summary>How the CRM simulator misbehaves during one lifecycle (its fault injection).</summary>
public enum CrmFault
{
    None,

    /// <summary>About a quarter of requests fail: 503, 429 with Retry-After, dropped connections, commit-then-timeout.</summary>
    Flaky,

    /// <summary>Every request fails for longer than the wrap-up's retry deadline, so the wrap-up parks and is replayed.</summary>
    Outage,
}
