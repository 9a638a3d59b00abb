using Azure.Messaging.ServiceBus;
using Connectors.Core.Events;
using Connectors.Core.Hosting;
using Connectors.Core.Queues;
using Connectors.Functions.Events;
using Connectors.Functions.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Functions.Hosting;

/// <summary>Puts Core's work-queue port on Service Bus (tables need no adapter: Core uses Azure.Data.Tables in both hosts).</summary>
public static class AzureFunctionsAdapters
{
    /// <summary>Call after <c>AddConnectors</c>: it replaces whatever work queue Core registered.</summary>
    public static IServiceCollection AddAzureFunctionsAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceBusConnectionOptions>().Bind(configuration.GetSection(ServiceBusConnectionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(provider =>
        {
            var bus = provider.GetRequiredService<IOptions<ServiceBusConnectionOptions>>().Value;
            return new ServiceBusClient(bus.FullyQualifiedNamespace, AzureCredentials.ForManagedIdentity(bus.ClientId));
        });

        services.RemoveAll<IWorkQueue>();
        services.AddSingleton<IWorkQueue, ServiceBusWorkQueue>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{EventOptions.SectionName}:{nameof(EventOptions.ServiceBusTopic)}"]))
        {
            services.AddSingleton<IOutboundEventTopic, ServiceBusEventTopic>();
        }

        return services;
    }
}
