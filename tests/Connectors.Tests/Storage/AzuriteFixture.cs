using Azure.Data.Tables;
using Connectors.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Storage;

/// <summary>
/// The Azurite that scripts/test.sh starts (<see cref="AzuriteStorage"/>), reached through exactly what the hosts
/// register (<c>AddTableStorage</c>: the SDK's <see cref="TableServiceClient"/> and the
/// <see cref="DocumentTableFactory"/>) under a table prefix of its own, checked to answer before the first test.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = AzuriteStorage.ConnectionStringVariable;

    private ServiceProvider? _services;

    public string ConnectionString { get; private set; } = string.Empty;

    public string TablePrefix { get; } = AzuriteStorage.NewTablePrefix("fix");

    /// <summary>The table endpoint, with the account path: <c>http://127.0.0.1:port/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint => Service.Uri;

    public TableServiceClient Service => Services.GetRequiredService<TableServiceClient>();

    public DocumentTableFactory Tables => Services.GetRequiredService<DocumentTableFactory>();

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        ConnectionString = AzuriteStorage.ConnectionString;
        _services = AzuriteStorage.TableServices(TablePrefix);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await Tables.GetTableClient("FixtureProbe").CreateIfNotExistsAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException or OperationCanceledException)
        {
            throw new InvalidOperationException($"Azurite at {TableEndpoint} ({ConnectionStringVariable}) does not answer: {ex.Message}", ex);
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
