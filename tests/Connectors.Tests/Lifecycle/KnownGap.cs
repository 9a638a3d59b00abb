namespace Connectors.Tests.Lifecycle;

/// <summary>One held-back kind of event: what it is, the issue item that fixes it, and which steps it covers.</summary>
public sealed record KnownGap(string Events, string FixedBy, Func<Lifecycle, LifecycleStep, bool> Excludes);
