using System.Text.Json.Nodes;

namespace Connectors.Scenarios.Model;

/// <summary>
/// A fault to inject: on a simulator's reads (<see cref="Simulator"/>, its <c>/_sim/faults</c> profile, from the step
/// <see cref="FromStep"/> on) or on the dry run's writes (<see cref="Writes"/>: <c>throttle</c>, <c>timeout-after-commit</c>,
/// <c>outage</c>, for <see cref="Times"/> writes).
/// </summary>
public sealed record FaultPlan
{
    public string? Simulator { get; init; }

    public JsonObject? Profile { get; init; }

    public string? Writes { get; init; }

    public int Times { get; init; } = 1;

    public int FromStep { get; init; }
}
