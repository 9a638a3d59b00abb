using Connectors.Core.Http;
using Connectors.LocalHost;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Tests.Http;

/// <summary>LocalHost serves exactly Core's route table: every endpoint it maps is in <see cref="RouteTable.All"/> under the same name and method, and nothing else.</summary>
public sealed class RouteTableTests
{
    [Fact]
    public void Localhost_maps_every_route_of_the_core_route_table_and_no_other()
    {
        var expected = RouteTable.All
            .Select(route => $"{route.Name} {route.Method} {RouteTable.Prefix}/{route.Template}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var app = LocalHostApp.Create([]);
        try
        {
            var mapped = ((IEndpointRouteBuilder)app).DataSources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                // The one exception: LocalHost's own OpenAPI document and its reference, which document the table rather than serve it.
                .Where(endpoint => !LocalHostOpenApi.Serves(endpoint.RoutePattern.RawText))
                .Select(endpoint => $"{endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName} {endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single()} {endpoint.RoutePattern.RawText}")
                .Order(StringComparer.Ordinal)
                .ToList();

            Assert.NotEmpty(expected);
            Assert.Equal(expected, mapped);
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    [Fact]
    public void Route_names_and_method_template_pairs_are_unique_and_health_is_anonymous()
    {
        Assert.Equal(RouteTable.All.Count, RouteTable.All.Select(route => route.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(RouteTable.All.Count, RouteTable.All.Select(route => (route.Method, route.Template)).Distinct().Count());
        Assert.All(RouteTable.All, route => Assert.DoesNotMatch("^/", route.Template));
        Assert.Equal(EndpointAccess.Anonymous, HealthRoutes.HealthCheck.Access);
    }
}
