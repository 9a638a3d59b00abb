using System.Globalization;
using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

/// <summary>
/// The Azurite that scripts/test.sh starts (<see cref="AzuriteStorage"/>), with a client on it, checked to answer
/// before the first test.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = AzuriteStorage.ConnectionStringVariable;

    private int _tables;

    public string ConnectionString { get; private set; } = string.Empty;

    public StorageConnectionString Connection { get; private set; } = null!;

    public TableRestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = AzuriteStorage.ConnectionString;
        Connection = StorageConnectionString.Parse(ConnectionString);
        Client = new TableRestClient(Connection, FastOptions());
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await Client.CreateTableIfNotExistsAsync("FixtureProbe", timeout.Token);
        }
        catch (Exception ex) when (ex is TableStorageException or OperationCanceledException)
        {
            throw new InvalidOperationException($"Azurite at {Connection.TableEndpoint} ({ConnectionStringVariable}) does not answer: {ex.Message}", ex);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A new, empty table, so each test class (and test) works on its own data.</summary>
    public async Task<string> CreateTableAsync(string purpose)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{purpose}{Interlocked.Increment(ref _tables)}{Guid.NewGuid():N}")[..Math.Min(60, purpose.Length + 20)];
        await Client.CreateTableIfNotExistsAsync(name, CancellationToken.None);
        return name;
    }

    /// <summary>Short back-off so a test that provokes retries does not wait seconds.</summary>
    public static TableRestClientOptions FastOptions(int maxRetries = 2)
    {
        var options = new TableRestClientOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        return options;
    }
}
