using System.Globalization;
using Connectors.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Storage;

/// <summary>
/// The Azurite that scripts/test.sh starts (named by <c>CONNECTORS_TEST_STORAGE</c>), as settings for a host
/// built by the normal registration (<c>AddTableStorage</c>): its connection string and a table prefix of the
/// host's own, so hosts sharing the one Azurite never see each other's rows.
/// </summary>
public static class AzuriteStorage
{
    public const string ConnectionStringVariable = "CONNECTORS_TEST_STORAGE";

    /// <summary>Azurite's well-known account key (published in its documentation; not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The longest prefix StorageOptions accepts.</summary>
    private const int MaxPrefixLength = 20;

    /// <summary>Without Azurite the tests fail saying so: a storage test that skips itself proves nothing.</summary>
    public static string ConnectionString
    {
        get
        {
            var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException(
                    $"{ConnectionStringVariable} is not set. These tests run against a real Azurite: run them with scripts/test.sh, "
                    + "which starts Azurite and sets it, or start Azurite yourself and set it to its connection string.")
                : connectionString;
        }
    }

    /// <summary>A fresh table prefix (letters and digits, starting with <paramref name="purpose"/>, at most 20 characters).</summary>
    public static string NewTablePrefix(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        if (!char.IsAsciiLetter(purpose[0]) || !purpose.All(char.IsAsciiLetterOrDigit) || purpose.Length > 8)
        {
            throw new ArgumentException("A purpose is up to 8 letters or digits, starting with a letter.", nameof(purpose));
        }

        var unique = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        return purpose + unique[..(MaxPrefixLength - purpose.Length)];
    }

    /// <summary>The Storage section of a host on this Azurite, under <paramref name="tablePrefix"/>.</summary>
    public static Dictionary<string, string?> Settings(string tablePrefix) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Storage:ConnectionString"] = ConnectionString,
        ["Storage:TablePrefix"] = tablePrefix,
    };

    /// <summary>
    /// Table Storage as the hosts register it (<c>AddTableStorage</c>) on this Azurite under <paramref name="tablePrefix"/>;
    /// <paramref name="overrides"/> change any Storage setting (an endpoint that is down, a wrong key, fast retries).
    /// </summary>
    public static ServiceProvider TableServices(string tablePrefix, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = Settings(tablePrefix);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddTableStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
