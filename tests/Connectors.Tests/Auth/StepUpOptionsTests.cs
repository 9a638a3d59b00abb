using Connectors.Core.Auth;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Auth.Senders.Acs;
using Connectors.Core.Auth.Senders.Graph;
using Connectors.Core.Auth.Senders.Twilio;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Auth;

/// <summary>Every step-up options type resolves from the real settings file, so a missing setting fails here, not on a call.</summary>
public sealed class StepUpOptionsTests
{
    [Theory]
    [InlineData("Twilio")]
    [InlineData("Acs")]
    public async Task Every_option_binds_and_validates_from_the_sample_settings(string provider)
    {
        await using var app = await LocalHostAsync(new() { ["Sms:Provider"] = provider });
        var services = app.Services;

        Assert.NotEmpty(services.GetRequiredService<IOptions<StepUpOptions>>().Value.HashKey);
        Assert.Equal(3, services.GetRequiredService<IOptions<KnowledgeCheckOptions>>().Value.MaxFailuresPerCall);
        var passcodes = services.GetRequiredService<IOptions<PasscodeOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(5), passcodes.CodeLifetime);
        Assert.Equal(["1"], passcodes.EffectiveSmsCountryAllowList);
        Assert.Equal(0.85, services.GetRequiredService<IOptions<BiometricOptions>>().Value.Vendors["localvoice"].MinimumScore);
        Assert.Equal("verify@contoso.example", services.GetRequiredService<IOptions<GraphMailOptions>>().Value.SenderMailbox);
        Assert.Equal(provider, services.GetRequiredService<IOptions<SmsOptions>>().Value.Provider.ToString());
        var sms = services.GetRequiredService<ISmsSender>();
        if (provider == "Twilio")
        {
            Assert.Equal("+15005550006", services.GetRequiredService<IOptions<TwilioSmsOptions>>().Value.FromNumber);
            Assert.IsType<TwilioSmsSender>(sms);
        }
        else
        {
            Assert.Equal("2021-03-07", services.GetRequiredService<IOptions<AcsSmsOptions>>().Value.ApiVersion);
            Assert.IsType<AcsSmsSender>(sms);
        }

        Assert.IsType<GraphEmailSender>(services.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public async Task A_configured_sms_allow_list_replaces_the_default_rather_than_extending_it()
    {
        await using var app = await LocalHostAsync(new() { ["StepUp:Passcodes:SmsCountryAllowList:0"] = "44" });

        Assert.Equal(["44"], app.Services.GetRequiredService<IOptions<PasscodeOptions>>().Value.EffectiveSmsCountryAllowList);
    }

    [Theory]
    [InlineData("StepUp:HashKey", "dG9vLXNob3J0")]
    [InlineData("StepUp:Passcodes:CodeLifetime", "00:11:00")]
    [InlineData("StepUp:Passcodes:MaxTriesPerCode", "6")]
    [InlineData("StepUp:Passcodes:SmsCountryAllowList:0", "0044")]
    [InlineData("StepUp:Passcodes:SmsCountryAllowList:0", "QQ")]
    [InlineData("Sms:Provider", "Carrier-pigeon")]
    [InlineData("Sms:Twilio:AccountSid", "not-a-sid")]
    [InlineData("Biometrics:Vendors:localvoice:Secret", "short")]
    [InlineData("Email:Graph:MaxConcurrentSends", "5")]
    [InlineData("Sms:Twilio:Resilience:AttemptTimeout", "00:00:00")]
    [InlineData("Email:Graph:Resilience:TotalTimeout", "01:00:00")]
    public async Task A_bad_setting_stops_the_host_at_start(string key, string value)
    {
        await Assert.ThrowsAnyAsync<Exception>(() => LocalHostAsync(new() { [key] = value }));
    }

    /// <summary>LocalHost as the sample settings make it, on Azurite, with <paramref name="settings"/> on top.</summary>
    private static Task<LocalHostServer> LocalHostAsync(Dictionary<string, string?> settings)
    {
        var all = AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("opts"));
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return LocalHostServer.StartAsync(all);
    }
}
