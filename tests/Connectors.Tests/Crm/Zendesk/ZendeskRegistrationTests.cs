using Connectors.Core.Crm;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Resilience;
using Connectors.Core.Crm.Zendesk;
using Connectors.Core.Hosting;
using Connectors.Core.Storage;
using Connectors.Simulators.Zendesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>AddZendeskCrm from the real settings file, and what start-up refuses.</summary>
public sealed class ZendeskRegistrationTests
{
    [Fact]
    public void The_sample_settings_resolve_the_connector_its_pipeline_and_its_dry_run_responder()
    {
        using var services = Build(LocalSettings.Load(LocalSettings.Find(AppContext.BaseDirectory)!));

        var options = services.GetRequiredService<IOptions<ZendeskOptions>>().Value;
        var pipeline = services.GetRequiredKeyedService<CrmResiliencePipeline>(CrmKind.Zendesk);

        Assert.Equal(ZendeskAuthMode.ApiToken, options.AuthMode);
        Assert.Equal(new Uri("http://127.0.0.1:7082/"), options.BaseUrl);
        // The sample's credentials are the local simulator's defaults, so a local run authenticates.
        Assert.Equal((new ZendeskSimulatorSettings().ApiToken, ZendeskSeedData.IntegrationAgentEmail), (options.ApiToken, options.Email));
        Assert.Equal(CrmKind.Zendesk, pipeline.Crm);
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), 3), (pipeline.Options.AttemptTimeout, pipeline.Options.TotalTimeout, pipeline.Options.MaxRetryAttempts));
        Assert.IsType<ZendeskDryRunResponder>(services.GetRequiredKeyedService<IDryRunResponder>(CrmKind.Zendesk));
        Assert.IsType<ZendeskCrmConnector>(services.GetRequiredService<ICrmConnector>());
        Assert.Equal(CrmKind.Zendesk, services.GetRequiredService<ICrmConnector>().Kind);
    }

    [Theory]
    [InlineData("Zendesk:BaseUrl", null, "BaseUrl")]
    [InlineData("Zendesk:ApiToken", null, "ApiToken")]
    [InlineData("Zendesk:AuthMode", "OAuth", "OAuthAccessToken")]
    [InlineData("Zendesk:DefaultCountryCode", "+1", "DefaultCountryCode")]
    [InlineData("Zendesk:Resilience:AttemptTimeout", "00:10:00", "AttemptTimeout")]
    public void Start_up_refuses_settings_that_cannot_work(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?>(LocalSettings.Load(LocalSettings.Find(AppContext.BaseDirectory)!), StringComparer.OrdinalIgnoreCase) { [key] = value };
        using var services = Build(settings);

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddMetrics();
        services.AddTableStorage(configuration);
        services.AddZendeskCrm(configuration);
        return services.BuildServiceProvider();
    }
}
