using System.Text.Json.Nodes;

namespace Connectors.Scenarios.Model;

/// <summary>One scripted call (a <c>scenarios/*.yaml</c> file, validated by <c>scenario.schema.json</c>).</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary><c>salesforce</c> or <c>zendesk</c>: the CRM the host must run; a scenario for the other CRM is skipped.</summary>
    public required string Crm { get; init; }

    /// <summary>The entry points it runs through (<c>api</c>, <c>webhook</c>, <c>twilio</c>, <c>amazon-connect</c>); each must give the same ledger.</summary>
    public IReadOnlyList<string> Channels { get; init; } = ["api"];

    public Caller Caller { get; init; } = new();

    /// <summary>The policy the fatal tier judges by: the level each read needs, and each disposition code.</summary>
    public ScenarioPolicy Policy { get; init; } = new();

    /// <summary>CRM faults injected through the simulators' fault control while the scenario runs.</summary>
    public IReadOnlyList<FaultPlan> Faults { get; init; } = [];

    public required IReadOnlyList<ScenarioStep> Steps { get; init; }

    public ScenarioExpectation Expect { get; init; } = new();

    /// <summary>When set, the scenario waits on a fix not yet in this build (the reason says which); it is reported, not run.</summary>
    public string? WaitsOn { get; init; }

    /// <summary>The file it came from (set by the loader).</summary>
    public string? File { get; init; }

    /// <summary>The YAML as JSON, as validated (set by the loader).</summary>
    public JsonNode? Source { get; init; }
}
