using Connectors.Core.Observability;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Connectors.LocalHost;

/// <summary>
/// LocalHost's OpenTelemetry, shaped as the Functions app's: the request spans and the <c>Connectors</c> source, logs
/// through OpenTelemetry, agent-link tokens scrubbed from all of it before any exporter (an operator or a test adds one).
/// </summary>
public static class LocalHostTelemetry
{
    public static IServiceCollection AddLocalHostTelemetry(this IServiceCollection services)
    {
        services.AddAgentLinkTelemetryScrubbing();
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(AgentLinkTelemetry.HostingActivitySource, ConnectorsTelemetry.ActivitySourceName))
            .WithLogging();
        return services;
    }
}
