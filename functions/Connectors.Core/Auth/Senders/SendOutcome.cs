namespace Connectors.Core.Auth.Senders;

public enum SendOutcome
{
    /// <summary>The provider accepted the message (queued; delivery is not confirmed).</summary>
    Sent,
    /// <summary>The provider definitely did not take it: refused, or never reached.</summary>
    Failed,
    /// <summary>It may or may not have been taken (timeout, dropped connection, 5xx). Never repeat blindly.</summary>
    Unknown,
}
