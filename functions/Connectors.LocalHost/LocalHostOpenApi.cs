using System.Globalization;
using Connectors.Core.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Connectors.LocalHost;

/// <summary>
/// LocalHost's one OpenAPI document of the whole HTTP surface (<c>GET /api/openapi.json</c>) and its browsable
/// reference (<c>GET /api/reference</c>, Scalar); LocalHost only, behind the host's key like every non-anonymous
/// route. Every operation lists the problem types (<see cref="ProblemTypeCatalog"/>) by status, as
/// <c>application/problem+json</c>.
/// </summary>
public static class LocalHostOpenApi
{
    public const string DocumentPath = RouteTable.Prefix + "/openapi.json";
    public const string ReferencePath = RouteTable.Prefix + "/reference";

    /// <summary>Whether <paramref name="routePattern"/> is one of these documentation routes (not part of <see cref="RouteTable.All"/>).</summary>
    public static bool Serves(string? routePattern) =>
        routePattern is not null && (routePattern == DocumentPath || routePattern.StartsWith(ReferencePath, StringComparison.Ordinal));

    public static IServiceCollection AddLocalHostOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Connectors";
                document.Info.Description = "The connector set's HTTP surface. Errors are RFC 7807 problem details whose `type` is `urn:connectors:problem:{slug}`.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                operation.Responses ??= [];
                foreach (var status in ProblemTypeCatalog.All.GroupBy(p => p.Status).OrderBy(g => g.Key))
                {
                    var key = status.Key.ToString(CultureInfo.InvariantCulture);
                    if (operation.Responses.ContainsKey(key))
                    {
                        continue;
                    }

                    operation.Responses[key] = new OpenApiResponse
                    {
                        Description = "Problem details, type one of: " + string.Join(", ", status.Select(p => $"{ProblemTypeCatalog.TypeOf(p.Slug)} ({p.Title})")),
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = ProblemSchema() } },
                    };
                }

                return Task.CompletedTask;
            });
        });

    public static WebApplication MapLocalHostOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(ReferencePath, options => options.WithOpenApiRoutePattern(DocumentPath));
        return app;
    }

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };
}
