using Connectors.Core.Auth.Senders;

namespace Connectors.Tests.Auth.Support;

/// <summary>One LocalHost with SMS by Azure Communication Services, and its simulators, per test class.</summary>
public sealed class AcsStepUpHostFixture : IAsyncLifetime
{
    internal StepUpHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await StepUpHost.StartAsync(SmsProvider.Acs);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
