using System.Net;
using System.Text.Json;
using Connectors.Core.Storage;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;

namespace Connectors.Tests.Http;

/// <summary>GET /api/health end to end: LocalHost on Kestrel, storage real (Azurite), down, refusing or slow.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HealthEndpointTests(AzuriteFixture azurite)
{
    private const string AzuriteKey = AzuriteStorage.DevelopmentAccountKey;

    [Fact]
    public async Task Health_is_200_with_a_healthy_table_check_while_storage_answers()
    {
        await using var host = await LocalHostServer.StartAsync(new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });

        using var response = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        var check = body.RootElement.GetProperty("checks").GetProperty(TableStorageHealthCheck.Name);
        Assert.Equal("healthy", check.GetProperty("status").GetString());
        Assert.StartsWith("Table Storage answered", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_503_storage_unavailable_problem_details_within_seconds_while_storage_is_down()
    {
        var closed = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};TableEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;";
        await using var host = await LocalHostServer.StartAsync(new Dictionary<string, string?> { ["Storage:ConnectionString"] = closed });

        using var response = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        AssertStorageUnavailable(response, problem);
        Assert.Contains("tableStorage:", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_503_when_storage_refuses_the_credentials()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var refused = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={wrongKey};TableEndpoint={azurite.TableEndpoint};BlobEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;";
        await using var host = await LocalHostServer.StartAsync(new Dictionary<string, string?> { ["Storage:ConnectionString"] = refused });

        using var response = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        AssertStorageUnavailable(response, problem);
        Assert.Contains("403", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_gives_up_on_storage_that_hangs_after_its_timeout()
    {
        await using var hanging = await ScriptedTableServer.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            hanging.Enqueue(204, delay: TimeSpan.FromSeconds(60));
        }

        await using var host = await LocalHostServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};TableEndpoint={hanging.TableEndpoint};BlobEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;",
            ["Storage:HealthCheckTimeout"] = "00:00:01",
        });

        using var response = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        AssertStorageUnavailable(response, problem);
        Assert.Contains("did not answer within 1 s", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static void AssertStorageUnavailable(HttpResponseMessage response, JsonDocument problem)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:connectors:problem:storage-unavailable", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("Storage unavailable", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("unhealthy", problem.RootElement.GetProperty("health").GetString());
        Assert.Equal("unhealthy", problem.RootElement.GetProperty("checks").GetProperty(TableStorageHealthCheck.Name).GetProperty("status").GetString());
    }
}
