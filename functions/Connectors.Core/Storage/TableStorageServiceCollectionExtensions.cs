using Azure.Core;
using Azure.Identity;
using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Storage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITableStore"/> as <see cref="TableRestClient"/> (unless a host registered its own
    /// adapter first), its options from the <c>Storage</c> section, and the Table Storage health check.
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ITableStore>(provider => CreateClient(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<TableStorageHealthCheck>();
        services.AddHealthChecks().AddCheck<TableStorageHealthCheck>(TableStorageHealthCheck.Name, tags: [TableStorageHealthCheck.ProblemTag]);
        return services;
    }

    /// <summary>A connection string means Shared Key; a table service URI means Entra with the app's identity.</summary>
    internal static TableRestClient CreateClient(StorageOptions options, TimeProvider time)
    {
        var clientOptions = new TableRestClientOptions { TimeProvider = time };
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new TableRestClient(StorageConnectionString.Parse(options.ConnectionString), clientOptions);
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        return new TableRestClient(options.TableServiceUri!, credential, clientOptions);
    }
}
