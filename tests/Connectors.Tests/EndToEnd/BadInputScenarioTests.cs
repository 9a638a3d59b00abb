using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.EndToEnd;

/// <summary>Bad input gets a clear problem, loses nothing already stored, and is not logged as an incident.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BadInputScenarioTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Malformed_oversize_and_wrongly_typed_bodies_get_problems_and_the_stored_session_is_untouched()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        (await host.ConnectAsync("bad-input-1", SalesforceSeedData.AlicePhone)).EnsureSuccessStatusCode();
        await host.WaitForFetchAsync("bad-input-1");
        var before = await host.Sessions.GetAsync("bad-input-1", CancellationToken.None);

        await AssertProblemAsync(await Post(host, "api/calls/bad-input-1/auth/knowledge", "{\"lastFour\": \"42", "application/json"), 400, "malformed-json");
        await AssertProblemAsync(await Post(host, "api/calls/bad-input-1/auth/knowledge", new string('x', 70_000), "application/json"), 413, "payload-too-large");
        await AssertProblemAsync(await Post(host, "api/calls/bad-input-1/auth/knowledge", "lastFour=4242", "application/x-www-form-urlencoded"), 415, "unsupported-media-type");
        await AssertProblemAsync(await host.ConnectAsync("bad-input-2", "+1 415 55x 0101"), 400, "invalid-phone-number");
        await AssertProblemAsync(await host.Http.GetAsync("api/calls/bad%23id/account?action=balance"), 400, "invalid-call-id");

        var after = await host.Sessions.GetAsync("bad-input-1", CancellationToken.None);
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
        Assert.Null(await host.Sessions.GetAsync("bad-input-2", CancellationToken.None));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), e => e.Level >= LogLevel.Error);
    }

    private static Task<HttpResponseMessage> Post(CallContractHost host, string path, string body, string contentType) =>
        host.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string slug)
    {
        using (response)
        {
            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:connectors:problem:" + slug, problem.GetProperty("type").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
    }
}
