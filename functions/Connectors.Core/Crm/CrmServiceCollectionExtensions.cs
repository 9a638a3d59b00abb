using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Salesforce;
using Connectors.Core.Crm.Zendesk;
using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Crm;

public static class CrmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the connector the deployment names in <c>Crm:Provider</c>, and only that one, so the
    /// other CRM's settings need not exist.
    /// </summary>
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CrmOptions>().Bind(configuration.GetSection(CrmOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration.GetSection(CrmOptions.SectionName).Get<CrmOptions>()?.Provider ?? CrmKind.Salesforce;
        return provider switch
        {
            CrmKind.Zendesk => services.AddZendeskCrm(configuration),
            _ => services.AddSalesforceCrm(configuration),
        };
    }

    /// <summary>What both connectors share: metrics and the dry-run ledger. Each connector's registration calls it.</summary>
    public static IServiceCollection AddCrmShared(this IServiceCollection services)
    {
        services.TryAddSingleton<CrmMetrics>();
        services.TryAddSingleton<IWriteLedger, TableWriteLedger>();
        services.TryAddSingleton<DryRunFaultStore>();
        return services;
    }
}
