namespace Connectors.Core.Calls;

/// <summary>What ending a call did: the session as marked ended, and whether this end started its wrap-up (false on a repeat).</summary>
public sealed record CallEnded(CallSession Session, bool WrapUpStarted);
