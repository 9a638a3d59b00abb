using Connectors.Core.Auth.Senders;

namespace Connectors.Tests.Auth.Support;

/// <summary>One LocalHost (SMS by Twilio) and its simulators per test class; tests use their own calls and accounts.</summary>
public sealed class TwilioStepUpHostFixture : IAsyncLifetime
{
    internal StepUpHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await StepUpHost.StartAsync(SmsProvider.Twilio);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
