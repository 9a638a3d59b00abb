using System.Text.Json.Nodes;

namespace Connectors.Scenarios.Model;

/// <summary>What one answer must be: the HTTP status (JSON API), the outcome or problem, fields present (by matcher) or absent.</summary>
public sealed record AnswerExpectation
{
    public int? Status { get; init; }

    /// <summary>The answer's <c>outcome</c>, else its <c>status</c> (e.g. <c>passed</c>, <c>ok</c>, <c>transferred</c>).</summary>
    public string? Outcome { get; init; }

    /// <summary>The problem's slug (<c>step-up-required</c>); a channel's <c>status=denied</c> answers the same slug.</summary>
    public string? Problem { get; init; }

    public Dictionary<string, JsonNode?> Fields { get; init; } = [];

    public IReadOnlyList<string> Absent { get; init; } = [];
}
