using Connectors.Core.Auth;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Calls;
using Connectors.Core.Storage;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Auth.Support;

/// <summary>
/// Core's step-up services wired as the hosts wire them, on Azurite (a table prefix of the rig's own) with
/// a hand-moved clock and fakes of the sender ports. For tests of the decisions.
/// </summary>
internal sealed class StepUpRig : IDisposable
{
    private readonly ServiceProvider _services;

    private StepUpRig(ServiceProvider services, FakeTimeProvider clock, FakeSmsSender sms, FakeEmailSender email)
    {
        _services = services;
        Clock = clock;
        Sms = sms;
        Email = email;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The rig's tables, as the stores open them (for reading back what was stored).</summary>
    public DocumentTableFactory Tables => Get<DocumentTableFactory>();

    public FakeSmsSender Sms { get; }

    public FakeEmailSender Email { get; }

    public ICallSessionStore Sessions => Get<ICallSessionStore>();

    public static Dictionary<string, string?> BaseSettings() => new(AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("stepup")))
    {
        ["StepUp:HashKey"] = "dW5pdC10ZXN0LXN0ZXAtdXAtaGFzaC1rZXktMzItYnl0ZXMtbG9uZw==",
        ["Sms:Provider"] = "Twilio",
        ["Sms:Twilio:AccountSid"] = "AC00000000000000000000000000000001",
        ["Sms:Twilio:AuthToken"] = "unit-test-twilio-token",
        ["Sms:Twilio:FromNumber"] = "+15005550006",
        ["Email:Graph:TenantId"] = "tenant",
        ["Email:Graph:ClientId"] = "client",
        ["Email:Graph:ClientSecret"] = "unit-test-graph-secret",
        ["Email:Graph:SenderMailbox"] = "verify@contoso.example",
        ["Biometrics:Vendors:acme:Secret"] = "unit-test-biometric-secret-0123456789abcdef",
        ["Biometrics:Vendors:acme:MinimumScore"] = "0.85",
    };

    public static StepUpRig Create(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = BaseSettings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = new FakeTimeProvider();
        var sms = new FakeSmsSender();
        var email = new FakeEmailSender();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(clock);
        services.AddTableStorage(configuration);
        services.AddCallSessions(configuration);
        services.AddStepUpAuthentication(configuration);
        services.AddSingleton<ISmsSender>(sms);
        services.AddSingleton<IEmailSender>(email);
        return new StepUpRig(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), clock, sms, email);
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task<string> SeedAsync(TestAccount account, bool select = true, string? callId = null) =>
        Support.Sessions.SeedAsync(Get<ICallSessionStore>(), account, Clock, select, callId);

    public async Task<CallSession> SessionAsync(string callId) =>
        await Get<ICallSessionStore>().GetAsync(callId, CancellationToken.None) ?? throw new InvalidOperationException("no session " + callId);

    public void Dispose() => _services.Dispose();
}
