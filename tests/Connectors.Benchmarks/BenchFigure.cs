namespace Connectors.Benchmarks;

/// <summary>One row of the bench's table and JSON; <see cref="Value"/> is null when there is no figure (a knee not reached, no samples).</summary>
internal sealed record BenchFigure(string Phase, string Figure, double? Value, string Unit, string? Target);
