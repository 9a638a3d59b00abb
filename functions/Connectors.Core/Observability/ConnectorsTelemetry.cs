namespace Connectors.Core.Observability;

/// <summary>Names shared by every capability's instruments, so one meter and one activity source carry the contract signals.</summary>
public static class ConnectorsTelemetry
{
    public const string MeterName = "Connectors";
    public const string ActivitySourceName = "Connectors";

    /// <summary>Log scope key under which the call id travels.</summary>
    public const string CallIdScopeKey = "CallId";
}
