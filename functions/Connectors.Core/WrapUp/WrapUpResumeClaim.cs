namespace Connectors.Core.WrapUp;

/// <summary>A resume of one finished run of a call's wrap-up (<see cref="WrapUpResumeClaims"/>): the run is known by when it last changed.</summary>
public sealed record WrapUpResumeClaim(string CallId, DateTimeOffset RunUpdatedAt, DateTimeOffset ClaimedAt);
