using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Crm.DryRun;

/// <summary>The dry-run ledger's route (<see cref="DryRunLedgerEndpoint"/>).</summary>
public static class DryRunRoutes
{
    public const string Ledger = "calls/{callId}/dry-run/ledger";

    public static EndpointRoute GetDryRunLedger { get; } = new("GetDryRunLedger", HttpMethods.Get, Ledger, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [GetDryRunLedger];
}
