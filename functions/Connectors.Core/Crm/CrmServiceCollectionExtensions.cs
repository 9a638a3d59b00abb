using Connectors.Core.Crm.DryRun;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Crm;

/// <summary>
/// Registers what both CRM connectors share (metrics, the dry-run ledger) and the connector the
/// deployment names in <c>Crm:Provider</c>.
/// </summary>
public static class CrmServiceCollectionExtensions
{
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<CrmMetrics>();
        services.TryAddSingleton<IWriteLedger, TableWriteLedger>();
        return services;
    }
}
