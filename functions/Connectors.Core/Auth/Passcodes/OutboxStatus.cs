namespace Connectors.Core.Auth.Passcodes;

public enum OutboxStatus
{
    /// <summary>Written before the send; still pending if the process died mid-send (so: may have gone).</summary>
    Pending,
    /// <summary>The provider accepted it.</summary>
    Sent,
    /// <summary>The provider definitely did not send it.</summary>
    Failed,
    /// <summary>No answer (timeout, dropped connection, 5xx): it may have gone. Never repeated blindly.</summary>
    Unknown,
}
