using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Replay;

/// <summary>The call export's route (<see cref="CallExportEndpoint"/>): function-level access, as it holds a call's story.</summary>
public static class ReplayRoutes
{
    public const string Export = "calls/{callId}/export";

    public static EndpointRoute ExportCall { get; } = new("ExportCall", HttpMethods.Get, Export, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [ExportCall];
}
