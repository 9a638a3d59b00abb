namespace Connectors.Scenarios.Model;

/// <summary>
/// The levels the fatal tier holds a call to: <see cref="Reads"/> by policy action (defaults: the connector's safe
/// defaults), <see cref="Writes"/> by disposition code (a code that records an account change needs that change's level).
/// </summary>
public sealed record ScenarioPolicy
{
    public static IReadOnlyDictionary<string, string> DefaultReads { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["balance"] = "knowledge",
        ["payment"] = "possession",
        ["address-change"] = "possession",
        ["add-line"] = "possession",
    };

    public static IReadOnlyDictionary<string, string> DefaultWrites { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ADDRESS_CHANGE"] = "possession",
        ["BILLING_DISPUTE_CREDIT"] = "knowledge",
        ["BALANCE_ENQUIRY"] = "knowledge",
    };

    public Dictionary<string, string> Reads { get; init; } = [];

    public Dictionary<string, string> Writes { get; init; } = [];

    public string? ReadLevel(string action) => Reads.TryGetValue(action, out var level) ? level : DefaultReads.GetValueOrDefault(action);

    public string? WriteLevel(string code) => Writes.TryGetValue(code, out var level) ? level : DefaultWrites.GetValueOrDefault(code);

    /// <summary>Orders the assurance levels: none &lt; knowledge &lt; possession &lt; biometric.</summary>
    public static int Rank(string? level) => level switch
    {
        "knowledge" => 1,
        "possession" => 2,
        "biometric" or "inherence" => 3,
        _ => 0,
    };
}
