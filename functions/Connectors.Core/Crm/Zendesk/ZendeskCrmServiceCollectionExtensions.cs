using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Resilience;
using Connectors.Core.Hosting;
using Connectors.Core.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Zendesk;

public static class ZendeskCrmServiceCollectionExtensions
{
    /// <summary>
    /// The Zendesk connector: options (<c>Zendesk</c>, validated at start), its resilience pipeline
    /// (<c>Zendesk:Resilience</c>), its dry-run responder, and the typed HTTP client with the handler chain
    /// auth → resilience → dry-run interceptor. Registers <see cref="ICrmConnector"/> as Zendesk.
    /// </summary>
    public static IServiceCollection AddZendeskCrm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCrmShared();
        services.AddOptions<ZendeskOptions>().Bind(configuration.GetSection(ZendeskOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddKeyedSingleton(CrmKind.Zendesk, (sp, _) => new CrmResiliencePipeline(
            CrmKind.Zendesk,
            sp.GetRequiredService<IOptions<ZendeskOptions>>().Value.Resilience,
            sp.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton<IDryRunResponder>(CrmKind.Zendesk, (_, _) => new ZendeskDryRunResponder());

        services.AddHttpClient<ZendeskCrmConnector>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<ZendeskOptions>>().Value;
                // Relative paths resolve under the base only when it ends with a slash.
                var baseUrl = options.BaseUrl!.AbsoluteUri;
                client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                // The resilience pipeline bounds every call (its total timeout); HttpClient's own would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(sp => new ZendeskAuthHandler(sp.GetRequiredService<IOptions<ZendeskOptions>>().Value))
            .AddCrmHandlers(CrmKind.Zendesk)
            // IHttpClientFactory's own request log carries header values in its structured state: ours carries names only.
            .RemoveAllLoggers()
            .AddLogger(sp => ActivatorUtilities.GetServiceOrCreateInstance<RedactedHttpClientLogger>(sp));
        services.AddTransient<ICrmConnector>(sp => sp.GetRequiredService<ZendeskCrmConnector>());
        return services;
    }
}
