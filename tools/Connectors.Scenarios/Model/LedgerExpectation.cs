using System.Text.Json.Nodes;

namespace Connectors.Scenarios.Model;

/// <summary>
/// Writes of one operation in the ledger: how many distinct writes (a repeat under the same idempotency key is the same
/// write), or <see cref="Absent"/>; and the body's fields by matcher (a string is exact; <c>{any: true}</c>,
/// <c>{regex: ...}</c>, <c>{within: [value, tolerance]}</c>, <c>{absent: true}</c>).
/// </summary>
public sealed record LedgerExpectation
{
    public required string Operation { get; init; }

    public int Count { get; init; } = 1;

    public bool Absent { get; init; }

    public Dictionary<string, JsonNode?> Body { get; init; } = [];
}
