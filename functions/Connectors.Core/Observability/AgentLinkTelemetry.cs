using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Connectors.Core.Observability;

/// <summary>
/// Keeps agent-link tokens out of both hosts' telemetry. The token travels in the request path, so: ASP.NET Core's
/// per-request log scope and request lines (category <see cref="HostingDiagnostics"/>, whose scope carries the path
/// on every log line of the request) are off; every span and log record passes <see cref="AgentLinkSpanScrubber"/> and
/// <see cref="AgentLinkLogScrubber"/> before any exporter; and what the hosts record themselves goes through <see cref="AgentLinkScrubber"/>.
/// </summary>
public static class AgentLinkTelemetry
{
    /// <summary>ASP.NET Core's request logger: with it off (None), hosting starts no per-request scope holding the path.</summary>
    public const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>ASP.NET Core's route matcher, whose debug lines quote the request path.</summary>
    public const string RouteMatching = "Microsoft.AspNetCore.Routing.Matching";

    /// <summary>ASP.NET Core's request spans' source.</summary>
    public const string HostingActivitySource = "Microsoft.AspNetCore";

    public static IServiceCollection AddAgentLinkTelemetryScrubbing(this IServiceCollection services)
    {
        services.AddLogging(logging => logging.AddFilter(HostingDiagnostics, LogLevel.None).AddFilter(RouteMatching, LogLevel.None));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new AgentLinkSpanScrubber()));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new AgentLinkLogScrubber()));
        return services;
    }
}
