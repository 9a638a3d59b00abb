using System.Reflection;
using Connectors.Core.Hosting;
using Connectors.Core.Storage;
using Connectors.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Hosting;

/// <summary>
/// local.settings.sample.json is the configuration a fresh clone runs with: every options type Core and
/// LocalHost register must bind and validate from it alone (no environment variables), so a setting a
/// capability forgot to add fails here rather than on the first call.
/// </summary>
public sealed class SampleSettingsOptionsTests
{
    private static readonly string SampleFile = Path.Combine(AppContext.BaseDirectory, LocalSettings.SampleFileName);

    [Fact]
    public void Every_options_type_LocalHost_registers_binds_and_validates_from_the_sample_settings()
    {
        var (services, optionsTypes) = Register(LocalSettings.Load(SampleFile));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        foreach (var type in optionsTypes)
        {
            Assert.NotNull(Resolve(provider, type));
        }

        Assert.Contains(typeof(StorageOptions), optionsTypes);
    }

    [Fact]
    public void A_required_setting_missing_from_the_settings_fails_resolution_naming_it()
    {
        var settings = new Dictionary<string, string?>(LocalSettings.Load(SampleFile), StringComparer.OrdinalIgnoreCase);
        Assert.True(settings.Remove("Storage:ConnectionString"), "the sample should set Storage__ConnectionString");
        var (services, _) = Register(settings);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(provider, typeof(StorageOptions)));

        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    /// <summary>The registrations of LocalHostApp (Core, then the LocalHost adapters) over this configuration only.</summary>
    private static (ServiceCollection Services, IReadOnlyList<Type> OptionsTypes) Register(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConnectors(configuration);
        services.AddLocalHostAdapters(configuration);
        var optionsTypes = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>) || t.GetGenericTypeDefinition() == typeof(IValidateOptions<>)))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("Connectors.", StringComparison.Ordinal) == true)
            .Distinct()
            .ToList();
        return (services, optionsTypes);
    }

    private static object Resolve(IServiceProvider provider, Type optionsType)
    {
        var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(optionsType));
        try
        {
            return options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
