using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Resilience;
using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

public static class SalesforceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Salesforce connector as <see cref="ICrmConnector"/> (also keyed by <see cref="CrmKind.Salesforce"/>),
    /// with its options (section <c>Salesforce</c>, validated at start-up), its resilience pipeline and dry-run
    /// responder (keyed by <see cref="CrmKind.Salesforce"/>), the token cache and the API budget. Needs
    /// Also registers what both connectors share (<see cref="CrmServiceCollectionExtensions.AddCrmShared"/>).
    /// </summary>
    public static IServiceCollection AddSalesforceCrm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCrmShared();
        services.AddOptions<SalesforceOptions>().Bind(configuration.GetSection(SalesforceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddKeyedSingleton(CrmKind.Salesforce, (sp, _) => new CrmResiliencePipeline(
            CrmKind.Salesforce,
            sp.GetRequiredService<IOptions<SalesforceOptions>>().Value.Resilience,
            sp.GetRequiredService<TimeProvider>(),
            new SalesforceTransientClassifier()));
        services.AddKeyedSingleton<IDryRunResponder>(CrmKind.Salesforce, (_, _) => new SalesforceDryRunResponder());

        services.AddSingleton<SalesforceTokenClient>();
        services.AddSingleton<SalesforceTokenCache>();
        services.AddSingleton<SalesforceApiBudget>();
        services.AddSingleton<SalesforceRestClient>();
        services.AddSingleton<SalesforceCandidateFinder>();
        services.AddSingleton<SalesforceSnapshotReader>();
        services.AddSingleton<SalesforceDispositionWriter>();
        services.AddSingleton<SalesforceNoteWriter>();
        services.AddSingleton<SalesforceConnector>();
        services.AddSingleton<ICrmConnector>(sp => sp.GetRequiredService<SalesforceConnector>());
        services.AddKeyedSingleton<ICrmConnector>(CrmKind.Salesforce, (sp, _) => sp.GetRequiredService<SalesforceConnector>());

        // The default HttpClient loggers write request URLs, and ours carry SOQL/SOSL with phone and account
        // numbers: both clients log through our own messages only.
        services.AddHttpClient(SalesforceTokenClient.HttpClientName)
            .RemoveAllLoggers();
        services.AddHttpClient(SalesforceRestClient.HttpClientName, (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<SalesforceOptions>>().Value.MyDomainUrl;

                // The resilience pipeline's total timeout bounds each pass; HttpClient's own 100 s would cut a
                // longer configured one short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new SalesforceAuthHandler(
                sp.GetRequiredService<SalesforceTokenCache>(), sp.GetRequiredService<ILogger<SalesforceAuthHandler>>()))
            .AddHttpMessageHandler(sp => new SalesforceApiLimitHandler(
                sp.GetRequiredService<SalesforceApiBudget>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SalesforceApiLimitHandler>>()))
            .AddCrmHandlers(CrmKind.Salesforce);
        return services;
    }
}
