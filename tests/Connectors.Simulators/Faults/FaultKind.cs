namespace Connectors.Simulators.Faults;

public enum FaultKind
{
    None,
    ServerError,
    Throttle,
    Drop,
    /// <summary>Commit the write, then answer after the client's timeout.</summary>
    LateAnswer,
    Outage,
}
