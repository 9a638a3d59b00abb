using Connectors.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connectors.Core.Http;

/// <summary>
/// <c>GET /api/health</c>: runs every registered health check. 200 with each check's status while none is
/// unhealthy; otherwise 503 problem details (with <c>health</c> and <c>checks</c> members) whose type comes from
/// the failing check's <c>problem:{slug}</c> tag (<c>urn:connectors:problem:storage-unavailable</c> for Table Storage).
/// </summary>
public static class HealthEndpoint
{
    public const string ProblemTagPrefix = "problem:";
    private const string DefaultProblemSlug = "service-unavailable";

    public static RouteHandlerBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map(HealthRoutes.HealthCheck, HandleAsync);

    public static async Task<IResult> HandleAsync(HttpContext context, [FromServices] HealthCheckService health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(health);
        var report = await health.CheckHealthAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new HealthCheckReply(StatusName(e.Value.Status), e.Value.Description, (long)e.Value.Duration.TotalMilliseconds),
            StringComparer.Ordinal);

        if (report.Status != HealthStatus.Unhealthy)
        {
            return TypedResults.Json(new HealthReply(StatusName(report.Status), checks), ConnectorsJson.Options);
        }

        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).ToList();
        var slug = failing.SelectMany(e => e.Value.Tags)
            .FirstOrDefault(t => t.StartsWith(ProblemTagPrefix, StringComparison.Ordinal))?[ProblemTagPrefix.Length..] ?? DefaultProblemSlug;
        var problem = new ProblemException(
            StatusCodes.Status503ServiceUnavailable,
            slug,
            char.ToUpperInvariant(slug[0]) + slug[1..].Replace('-', ' '),
            string.Join(" ", failing.Select(e => $"{e.Key}: {e.Value.Description}")),
            new Dictionary<string, object?> { ["health"] = StatusName(report.Status), ["checks"] = checks });
        return ProblemResults.ToResult(problem, context.Request.Path);
    }

    private static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    /// <summary>The 200 body.</summary>
    public sealed record HealthReply(string Status, IReadOnlyDictionary<string, HealthCheckReply> Checks);

    /// <summary>One check's outcome, in both the 200 body and the 503 problem's <c>checks</c>.</summary>
    public sealed record HealthCheckReply(string Status, string? Description, long DurationMs);
}
