using Connectors.Core.Auth.Policy;
using Connectors.Core.Calls;
using Connectors.Core.Hosting;
using Connectors.Core.Queues;
using Connectors.LocalHost.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Calls;

public sealed class ScreenPopOptionsTests
{
    [Fact]
    public void Every_screen_pop_options_type_resolves_from_the_real_settings_file()
    {
        var file = LocalSettings.Find(AppContext.BaseDirectory);
        Assert.NotNull(file);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalSettings.Load(file)).Build();
        using var services = new ServiceCollection().AddScreenPop(configuration).AddInProcessWorkQueue(configuration).BuildServiceProvider();

        var calls = services.GetRequiredService<IOptions<CallsOptions>>().Value;
        var queue = services.GetRequiredService<IOptions<InProcessQueueOptions>>().Value;
        var policy = services.GetRequiredService<IOptions<AccountPolicyOptions>>().Value;

        Assert.Equal(TimeSpan.FromMilliseconds(800), calls.TurnBudget);
        Assert.Equal(TimeSpan.FromMilliseconds(480), calls.PrefetchWait);
        Assert.Equal("1", calls.DefaultCountryCode);
        Assert.Equal(10, queue.MaxDeliveryCount);
        Assert.Contains("balance", policy.Actions.Keys);
    }

    [Theory]
    [InlineData("Calls:TurnBudget", "00:00:00.010")]
    [InlineData("Calls:PrefetchWaitShare", "1.5")]
    [InlineData("Calls:DefaultCountryCode", "+1")]
    [InlineData("Calls:PollInterval", "00:00:00.900")]
    public void A_calls_setting_out_of_range_fails_validation(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddScreenPop(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CallsOptions>>().Value);
    }
}
