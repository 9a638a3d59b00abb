namespace Connectors.Scenarios.Running;

/// <summary>One platform action with its flat parameters, and the retry token a platform repeats on a retry.</summary>
public sealed record ChannelRequest(string CallId, string Action, IReadOnlyDictionary<string, string> Parameters, string RetryToken);
