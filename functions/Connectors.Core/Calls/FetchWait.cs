namespace Connectors.Core.Calls;

/// <summary>
/// What <see cref="AccountFetchWaiter"/> saw: the session last read (null when there is none),
/// whether it had to wait, and whether it gave up with the condition still holding.
/// </summary>
public sealed record FetchWait(CallSession? Session, bool Waited, bool TimedOut);
