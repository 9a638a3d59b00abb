using Connectors.Core.Channels.Twilio;
using Connectors.Core.Channels.Webhooks;
using Connectors.Core.Hosting;
using Connectors.Core.Retries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>The inbound platform adapters (Amazon Connect, Twilio, the signed webhook) and their one dispatcher.</summary>
    public static IServiceCollection AddInboundChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TwilioChannelOptions>().Bind(configuration.GetSection(TwilioChannelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookChannelOptions>().Bind(configuration.GetSection(WebhookChannelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRequestReplays(configuration);
        services.TryAddSingleton<ChannelActionDispatcher>();
        return services;
    }
}
