namespace Connectors.Core.WrapUp;

/// <summary>A call in <see cref="OpenCallIndex"/>.</summary>
public sealed record OpenCall(string CallId, DateTimeOffset ConnectedAt);
