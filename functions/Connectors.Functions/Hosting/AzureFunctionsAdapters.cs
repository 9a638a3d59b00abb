using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Connectors.Core.Hosting;
using Connectors.Core.Queues;
using Connectors.Core.Storage;
using Connectors.Functions.Queues;
using Connectors.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Functions.Hosting;

/// <summary>Puts Core's ports on Azure: tables on Azure.Data.Tables, the work queue on Service Bus.</summary>
public static class AzureFunctionsAdapters
{
    /// <summary>Call after <c>AddConnectors</c>: it replaces whatever table store and work queue Core registered.</summary>
    public static IServiceCollection AddAzureFunctionsAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceBusConnectionOptions>().Bind(configuration.GetSection(ServiceBusConnectionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? new TableServiceClient(storage.TableServiceUri!, AzureCredentials.ForManagedIdentity(storage.ManagedIdentityClientId))
                : new TableServiceClient(storage.ConnectionString);
        });
        services.AddSingleton(provider =>
        {
            var bus = provider.GetRequiredService<IOptions<ServiceBusConnectionOptions>>().Value;
            return new ServiceBusClient(bus.FullyQualifiedNamespace, AzureCredentials.ForManagedIdentity(bus.ClientId));
        });

        services.RemoveAll<ITableStore>();
        services.AddSingleton<ITableStore, AzureTablesTableStore>();
        services.RemoveAll<IWorkQueue>();
        services.AddSingleton<IWorkQueue, ServiceBusWorkQueue>();
        return services;
    }
}
