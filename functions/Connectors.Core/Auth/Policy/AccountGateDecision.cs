namespace Connectors.Core.Auth.Policy;

/// <summary>What <see cref="AccountGate"/> decided, with what a denial needs for its step-up hint.</summary>
public sealed record AccountGateDecision
{
    public required AccountGateVerdict Verdict { get; init; }

    public required string Action { get; init; }

    /// <summary>The level the rule asks for; <see cref="AssuranceLevel.None"/> for an unknown action.</summary>
    public AssuranceLevel RequiredLevel { get; init; }

    /// <summary>The level proved for the selected account, by any method.</summary>
    public AssuranceLevel LevelReached { get; init; }

    /// <summary>The methods passed for the selected account.</summary>
    public IReadOnlyList<AuthMethod> MethodsPassed { get; init; } = [];

    /// <summary>When stepping up: the methods that can meet the rule.</summary>
    public IReadOnlyList<AuthMethod> MethodsToReach { get; init; } = [];

    /// <summary>When allowed: the fields the action may see.</summary>
    public IReadOnlyList<string> VisibleFields { get; init; } = [];

    public bool IsAllowed => Verdict == AccountGateVerdict.Allowed;
}
