using Azure.Data.Tables;
using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Storage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers Azure.Data.Tables for both hosts: one <see cref="TableServiceClient"/> built from the
    /// <c>Storage</c> section (<see cref="TableServiceClients"/>), the <see cref="DocumentTableFactory"/> the
    /// stores open their tables with, the <see cref="StorageTransactionMeter"/> counting its requests, and the Table Storage health check.
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<StorageTransactionMeter>();
        services.TryAddSingleton(provider => TableServiceClients.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value, provider.GetRequiredService<StorageTransactionMeter>()));
        services.TryAddSingleton<DocumentTableFactory>();
        services.TryAddSingleton<TableStorageHealthCheck>();
        services.AddHealthChecks().AddCheck<TableStorageHealthCheck>(TableStorageHealthCheck.Name, tags: [TableStorageHealthCheck.ProblemTag]);
        return services;
    }
}
