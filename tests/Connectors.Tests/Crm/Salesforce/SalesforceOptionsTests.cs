using Connectors.Core.Crm;
using Connectors.Core.Crm.Salesforce;
using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Crm.Salesforce;

public sealed class SalesforceOptionsTests
{
    private static IReadOnlyDictionary<string, string?> Sample() =>
        LocalSettings.Load(Path.Combine(AppContext.BaseDirectory, LocalSettings.SampleFileName));

    private static SalesforceOptions Resolve(IReadOnlyDictionary<string, string?> settings, params (string Key, string? Value)[] changes)
    {
        var values = settings.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var provider = new ServiceCollection().AddLogging().AddMetrics().AddSalesforceCrm(configuration).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<IOptions<SalesforceOptions>>().Value;
    }

    [Fact]
    public void The_sample_settings_bind_and_pass_validation()
    {
        var options = Resolve(Sample());

        Assert.True(options.MyDomainUrl!.IsLoopback);
        Assert.Equal("62.0", options.ApiVersion);
        Assert.Equal("Task", options.DispositionObject);
        Assert.Equal("CallLog_Key__c", options.DispositionExternalIdField);
        Assert.Contains("not-real", options.ClientSecret, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Resilience.AttemptTimeout);
    }

    [Theory]
    [InlineData("Salesforce:ApiVersion", "45.0")]
    [InlineData("Salesforce:ApiVersion", "v62")]
    [InlineData("Salesforce:MyDomainUrl", "https://login.salesforce.com")]
    [InlineData("Salesforce:MyDomainUrl", "http://acme.my.salesforce.com")]
    [InlineData("Salesforce:MyDomainUrl", "https://acme.my.salesforce.com/services/data")]
    [InlineData("Salesforce:ClientSecret", "")]
    [InlineData("Salesforce:AccountNumberField", "Name FROM Account WHERE Id != null")]
    [InlineData("Salesforce:DispositionExternalIdField", "Key__c/../../x")]
    [InlineData("Salesforce:Resilience:AttemptTimeout", "00:00:00")]
    [InlineData("Salesforce:ApiUsageShedReadsRatio", "0.5")]
    public void A_setting_that_would_fail_a_call_fails_at_start(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(Sample(), (key, value)));
    }

    [Theory]
    [InlineData("https://acme.my.salesforce.com", "https://acme.lightning.force.com/")]
    [InlineData("https://acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.lightning.force.com/")]
    [InlineData("http://127.0.0.1:7081/", "http://127.0.0.1:7081/")]
    public void The_lightning_host_is_derived_from_the_my_domain(string myDomain, string lightning)
    {
        Assert.Equal(new Uri(lightning), new SalesforceOptions { MyDomainUrl = new Uri(myDomain) }.LightningBase());
    }
}
