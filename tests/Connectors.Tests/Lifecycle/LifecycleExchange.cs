namespace Connectors.Tests.Lifecycle;

/// <summary>One request of a lifecycle and what it got: the step it belongs to, and whether it is the retry of the one before.</summary>
public sealed record LifecycleExchange(int Step, LifecycleEventKind Kind, bool IsRetry, LifecycleRequest Request, int Status, string Body);
