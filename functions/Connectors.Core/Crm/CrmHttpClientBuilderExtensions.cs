using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Crm;

/// <summary>
/// The handler chain every CRM client shares, below its own auth handler:
/// [auth] → <see cref="CrmResilienceHandler"/> → <see cref="DryRunWriteInterceptor"/> → network.
/// Call this after adding the auth handler so auth stays outermost (a 401 refresh re-enters the pipeline).
/// </summary>
public static class CrmHttpClientBuilderExtensions
{
    public static IHttpClientBuilder AddCrmHandlers(this IHttpClientBuilder builder, CrmKind crm)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddHttpMessageHandler(sp => new CrmResilienceHandler(
                sp.GetRequiredKeyedService<CrmResiliencePipeline>(crm),
                sp.GetRequiredService<CrmMetrics>(),
                sp.GetRequiredService<ILogger<CrmResilienceHandler>>()))
            .AddHttpMessageHandler(sp => new DryRunWriteInterceptor(
                sp.GetRequiredKeyedService<IDryRunResponder>(crm),
                sp.GetRequiredService<IWriteLedger>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<DryRunWriteInterceptor>>(),
                sp.GetService<DryRunFaultStore>()));
    }
}
