using Connectors.Core.Auth.Policy;

namespace Connectors.Core.Calls;

/// <summary>
/// What a read answered and how it was served (<c>cache</c>, <c>waited</c>, <c>pending</c>,
/// <c>degraded</c>, <c>denied</c>, <c>no-account</c>). <see cref="Fields"/> is empty unless the gate
/// allowed the action, and then holds only the fields its rule names.
/// </summary>
public sealed record AccountReadResult
{
    public required AccountReadStatus Status { get; init; }

    public required string Served { get; init; }

    /// <summary>Why it degraded or is pending: a code, never a value.</summary>
    public string? Reason { get; init; }

    /// <summary>The gate's decision; carries the step-up hint of a denial.</summary>
    public AccountGateDecision? Gate { get; init; }

    public IReadOnlyList<KeyValuePair<string, object>> Fields { get; init; } = [];

    /// <summary>When the snapshot the fields come from was fetched.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The snapshot is older than the configured age; a refresh has been asked for.</summary>
    public bool Stale { get; init; }
}
