using Connectors.Core.Channels.Twilio;
using Connectors.Core.Channels.Webhooks;
using Connectors.Core.Hosting;
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
        services.AddValidatedOptions<TwilioChannelOptions>(configuration, TwilioChannelOptions.SectionName);
        services.AddValidatedOptions<WebhookChannelOptions>(configuration, WebhookChannelOptions.SectionName);
        services.TryAddSingleton<WebhookReplayStore>();
        services.TryAddSingleton<ChannelActionDispatcher>();
        return services;
    }
}
