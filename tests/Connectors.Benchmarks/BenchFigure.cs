namespace Connectors.Benchmarks;

/// <summary>One row of the bench's table and JSON.</summary>
internal sealed record BenchFigure(string Phase, string Figure, double Value, string Unit, string? Target);
