using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Crm.DryRun;

/// <summary>The dry-run ledger's route (<see cref="DryRunLedgerEndpoint"/>).</summary>
public static class DryRunRoutes
{
    public const string Ledger = "calls/{callId}/dry-run/ledger";
    public const string Faults = "calls/{callId}/dry-run/faults";

    public static EndpointRoute GetDryRunLedger { get; } = new("GetDryRunLedger", HttpMethods.Get, Ledger, EndpointAccess.Function);

    public static EndpointRoute SetDryRunFaults { get; } = new("SetDryRunFaults", HttpMethods.Put, Faults, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [GetDryRunLedger, SetDryRunFaults];
}
