using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Connectors.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Storage;

/// <summary>
/// Credentials and client options decided in one place (<c>AddTableStorage</c>): what the SDK client sends
/// and how it retries, seen by a scripted server for what Azurite cannot be made to do (503s, hanging).
/// </summary>
public sealed class TableServiceClientsTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>How the service sends an error: its code in a header and in an OData JSON body.</summary>
    private static readonly Dictionary<string, string> JsonError = new() { ["Content-Type"] = "application/json;odata=minimalmetadata" };
    private ScriptedTableServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedTableServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_connection_string_means_every_request_is_signed_with_the_account_key()
    {
        await using var services = Services();
        _server.Enqueue(204);
        _server.Enqueue(404, new Dictionary<string, string> { ["x-ms-error-code"] = "ResourceNotFound" });

        Assert.Null(await Open(services).GetAsync("p", "r", None));

        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.StartsWith("SharedKeyLite devstoreaccount1:", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public void Development_storage_is_azurite_on_its_default_port()
    {
        var client = TableServiceClients.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), client.Uri);
        Assert.Equal("devstoreaccount1", client.AccountName);
    }

    [Fact]
    public void A_table_service_uri_is_reached_with_the_app_identity_at_that_endpoint()
    {
        var endpoint = new Uri("https://acct.table.core.windows.net/");

        var client = TableServiceClients.Create(new StorageOptions { TableServiceUri = endpoint, ManagedIdentityClientId = "6c1b2f3e-0d4a-4e8b-9a7c-2f5d1e0b3a94" });

        Assert.Equal(endpoint, client.Uri);
        Assert.Equal("acct", client.AccountName);
    }

    [Theory]
    [InlineData("AccountName=acct", "ConnectionString")]
    [InlineData("not a connection string", "ConnectionString")]
    public void A_connection_string_the_sdk_cannot_use_is_refused_at_start_up_saying_so(string connectionString, string member)
    {
        var results = Validate(new StorageOptions { ConnectionString = connectionString });

        var result = Assert.Single(results);
        Assert.StartsWith("Storage:ConnectionString is not usable:", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([member], result.MemberNames);
    }

    [Fact]
    public void A_table_service_uri_over_plain_http_or_both_credentials_or_none_are_refused_at_start_up()
    {
        Assert.Single(Validate(new StorageOptions { TableServiceUri = new Uri("http://acct.table.core.windows.net/") }));
        Assert.Single(Validate(new StorageOptions { TableServiceUri = new Uri("https://acct.table.core.windows.net/"), ConnectionString = "UseDevelopmentStorage=true" }));
        Assert.Single(Validate(new StorageOptions()));
        Assert.Empty(Validate(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
    }

    [Fact]
    public async Task Server_busy_is_retried_as_many_times_as_the_storage_options_say_then_reported_as_a_storage_failure()
    {
        await using var services = Services(new() { ["Storage:MaxRetries"] = "2" });
        for (var i = 0; i < 3; i++)
        {
            _server.Enqueue(503, JsonError, """{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"The server is busy."}}}""");
        }

        var failure = await Assert.ThrowsAsync<TableStorageException>(() => Open(services).GetAsync("p", "r", None));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal((503, "ServerBusy"), (failure.Status, failure.ErrorCode));
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_cut_at_the_network_timeout_and_reported_as_a_storage_failure_not_a_cancellation()
    {
        await using var services = Services(new() { ["Storage:MaxRetries"] = "0", ["Storage:NetworkTimeout"] = "00:00:00.3" });
        _server.Enqueue(204, delay: TimeSpan.FromSeconds(60));

        var failure = await Assert.ThrowsAsync<TableStorageException>(() => Open(services).GetAsync("p", "r", None));

        Assert.Equal(0, failure.Status);
        Assert.Contains("did not answer in time", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_whose_creation_failed_while_storage_was_down_is_created_on_the_next_call()
    {
        await using var services = Services(new() { ["Storage:MaxRetries"] = "0" });
        var table = Open(services);
        _server.Enqueue(500, new Dictionary<string, string> { ["x-ms-error-code"] = "InternalError" });

        await Assert.ThrowsAsync<TableStorageException>(() => table.GetAsync("p", "r", None));
        _server.Enqueue(204);
        _server.Enqueue(404, new Dictionary<string, string> { ["x-ms-error-code"] = "ResourceNotFound" });
        var second = await table.GetAsync("p", "r", None);

        Assert.Null(second);
        Assert.Equal(["POST", "POST", "GET"], _server.Requests.Select(r => r.Method));
        Assert.All(_server.Requests.Take(2), r => Assert.StartsWith("/devstoreaccount1/Tables", r.PathAndQuery, StringComparison.Ordinal));
    }

    private static List<ValidationResult> Validate(StorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private static DocumentTable<Note> Open(IServiceProvider services) => services.GetRequiredService<DocumentTableFactory>().Open<Note>("Notes");

    private ServiceProvider Services(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteStorage.DevelopmentAccountKey};TableEndpoint={_server.TableEndpoint};",
            ["Storage:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return AzuriteStorage.TableServices("scripted", settings);
    }

    public sealed record Note(string Text, int Version);
}
