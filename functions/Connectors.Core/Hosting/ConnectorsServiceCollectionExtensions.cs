using Connectors.Core.Auth;
using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Connectors.Core.Channels;
using Connectors.Core.Crm;
using Connectors.Core.Events;
using Connectors.Core.Http;
using Connectors.Core.Queues;
using Connectors.Core.Replay;
using Connectors.Core.Signals;
using Connectors.Core.Storage;
using Connectors.Core.WrapUp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Hosting;

/// <summary>Registers every capability of Core. Each host calls this once, then adds its own adapters.</summary>
public static class ConnectorsServiceCollectionExtensions
{
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddConnectorsHttpJson();
        services.AddTableStorage(configuration);
        services.AddCrm(configuration);
        services.AddCallSessions(configuration);
        services.AddWorkItemDispatch();
        services.AddStepUpAuthentication(configuration);
        services.AddScreenPop(configuration);
        services.AddWarmTransferBaton(configuration);
        services.AddInboundChannels(configuration);
        services.AddWrapUp(configuration);
        services.AddContractSignals(configuration);
        services.AddOutboundEvents(configuration);
        services.AddCallReplay(configuration);
        return services;
    }
}
