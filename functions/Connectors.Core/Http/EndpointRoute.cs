namespace Connectors.Core.Http;

/// <summary>
/// One HTTP endpoint: its name (LocalHost's endpoint name and the Functions app's function name), method, route
/// template under <see cref="RouteTable.Prefix"/> (no leading slash, as a trigger's <c>Route =</c> takes it) and access.
/// </summary>
public sealed record EndpointRoute(string Name, string Method, string Template, EndpointAccess Access);
