using System.Reflection;
using System.Text.RegularExpressions;
using Connectors.Core.Http;
using Connectors.Core.Queues;
using Connectors.LocalHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// The Functions project cannot build here, so its triggers are read as text and held to what LocalHost really maps:
/// one HTTP trigger per endpoint of <see cref="RouteTable"/> (same name, method, route and Core handler; anonymous only
/// for what Core marks AllowAnonymous: health and the self-signed platform endpoints) and one Service Bus trigger per queue a Core handler consumes.
/// </summary>
public sealed partial class FunctionsTriggerTests
{
    private const string FunctionsProject = "functions/Connectors.Functions";

    [Fact]
    public void Every_endpoint_localhost_maps_has_one_http_trigger_calling_the_same_core_handler_on_the_same_route()
    {
        var endpoints = MappedEndpoints();
        var triggers = HttpTriggers();

        Assert.NotEmpty(endpoints);
        Assert.Equal(endpoints.Keys.Order(StringComparer.Ordinal), triggers.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, endpoint) in endpoints)
        {
            var trigger = triggers[name];
            var expected = (name, endpoint.Method, endpoint.Route, $"{endpoint.Handler.DeclaringType!.Name}.{endpoint.Handler.Name}",
                endpoint.Anonymous ? "Anonymous" : "Function");
            Assert.Equal(expected, (name, trigger.Method.ToUpperInvariant(), RouteTable.Prefix + "/" + trigger.Route, trigger.Handler, trigger.AuthLevel));
        }
    }

    [Fact]
    public void Every_queue_a_core_handler_consumes_has_one_service_bus_trigger_and_no_other_queue_has_one()
    {
        var source = DeploymentTemplateTests.Read($"{FunctionsProject}/Queues/ServiceBusWorkItemTriggers.cs");
        var constants = typeof(QueueNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .ToDictionary(field => field.Name, field => (string)field.GetRawConstantValue()!, StringComparer.Ordinal);
        var triggered = ServiceBusTriggerPattern().Matches(source).Select(match => constants[match.Groups[1].Value]).ToList();

        Assert.Equal(DeploymentTemplateTests.HandledQueues.Value.Order(StringComparer.Ordinal), triggered.Order(StringComparer.Ordinal));
    }

    /// <summary>LocalHost's endpoints by name, as its router holds them.</summary>
    private static Dictionary<string, (string Method, string Route, MethodInfo Handler, bool Anonymous)> MappedEndpoints()
    {
        var app = LocalHostApp.Create([]);
        try
        {
            return ((IEndpointRouteBuilder)app).DataSources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .ToDictionary(
                    endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? throw new InvalidOperationException($"{endpoint.RoutePattern.RawText} has no name."),
                    endpoint => (
                        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single(),
                        endpoint.RoutePattern.RawText!,
                        endpoint.Metadata.GetMetadata<MethodInfo>() ?? throw new InvalidOperationException($"{endpoint.RoutePattern.RawText} has no handler method."),
                        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null),
                    StringComparer.Ordinal);
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    /// <summary>The HTTP triggers of the Functions project by function name.</summary>
    private static Dictionary<string, (string AuthLevel, string Method, string Route, string Handler)> HttpTriggers()
    {
        var triggers = new Dictionary<string, (string, string, string, string)>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(DeploymentTemplateTests.Root, FunctionsProject), "*.cs", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(file);
            var matches = HttpTriggerPattern().Matches(source);
            Assert.Equal(Regex.Matches(source, @"\[HttpTrigger\(").Count, matches.Count);
            foreach (Match match in matches)
            {
                Assert.Equal(match.Groups["function"].Value, match.Groups["method"].Value);
                Assert.True(triggers.TryAdd(match.Groups["function"].Value, (match.Groups["auth"].Value, match.Groups["verb"].Value, match.Groups["route"].Value, match.Groups["handler"].Value)), $"Two functions named {match.Groups["function"].Value}.");
            }
        }

        return triggers;
    }

    [GeneratedRegex("""
        \[Function\(nameof\((?<function>\w+)\)\)\]\s*
        public\s+Task<IResult>\s+(?<method>\w+)\(\s*
        \[HttpTrigger\(AuthorizationLevel\.(?<auth>\w+),\s*"(?<verb>\w+)",\s*Route\s*=\s*"(?<route>[^"]+)"\)\]\s*HttpRequest\s+request,
        [^)]*\)\s*=>\s*(?<handler>\w+\.\w+)\(
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex HttpTriggerPattern();

    [GeneratedRegex(@"\[ServiceBusTrigger\(QueueNames\.(\w+),")]
    private static partial Regex ServiceBusTriggerPattern();
}
