using Azure.Monitor.OpenTelemetry.Exporter;
using Connectors.Core.Hosting;
using Connectors.Core.Observability;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connectors.Functions.Hosting;

/// <summary>
/// Sends the worker's logs, the <c>Connectors</c> meter (the contract signals) and the <c>Connectors</c> spans to
/// Application Insights, where the contract-signals workbook reads them.
/// </summary>
public static class FunctionsTelemetry
{
    public static IServiceCollection AddConnectorsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Agent-link tokens travel in request paths: no span or log the worker exports holds one.
        services.AddAgentLinkTelemetryScrubbing();
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // A local run without Application Insights: nothing to export to.
            return services;
        }

        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(ConnectorsTelemetry.MeterName))
            .WithTracing(tracing => tracing.AddSource(ConnectorsTelemetry.ActivitySourceName))
            .UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                // The component accepts Entra-authenticated telemetry only; the identity holds Monitoring Metrics Publisher.
                exporter.Credential = AzureCredentials.ForManagedIdentity(configuration["AZURE_CLIENT_ID"]);
            });
        return services;
    }
}
