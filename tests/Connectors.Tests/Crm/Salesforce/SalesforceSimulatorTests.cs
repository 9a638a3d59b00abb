using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connectors.Simulators.Salesforce;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>The simulator answers as the documented API does (the facts file), independently of the connector.</summary>
public sealed class SalesforceSimulatorTests : IAsyncLifetime
{
    private SalesforceSimulator _simulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SalesforceSimulator.StartAsync();
        _http = new HttpClient { BaseAddress = _simulator.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    private async Task<string> TokenAsync()
    {
        using var response = await _http.PostAsync("services/oauth2/token", new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", _simulator.Settings.ClientId),
            new("client_secret", _simulator.Settings.ClientSecret),
        ]));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(_simulator.BaseAddress.GetLeftPart(UriPartial.Authority), body.RootElement.GetProperty("instance_url").GetString());
        Assert.False(body.RootElement.TryGetProperty("refresh_token", out _));
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpResponseMessage> PatchAsync(string version, string path, string json, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"services/data/{version}/{path}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task Token_errors_use_the_oauth_shape_not_the_rest_error_array()
    {
        using var response = await _http.PostAsync("services/oauth2/token", new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", _simulator.Settings.ClientId),
            new("client_secret", "wrong"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.Equal("invalid_client", body!["error"]);
        Assert.Equal("invalid client credentials", body["error_description"]);
    }

    [Fact]
    public async Task An_expired_session_answers_401_with_the_error_array_and_the_limit_header()
    {
        var token = await TokenAsync();
        _simulator.Clock.Advance(_simulator.Settings.TokenTtl);
        using var request = new HttpRequestMessage(HttpMethod.Get, "services/data/v62.0/sobjects/Account/001000000000000AAA");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\",\"fields\":[]}]", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("Sforce-Limit-Info"));
    }

    [Theory]
    [InlineData("v45.0", HttpStatusCode.NoContent, null)]
    [InlineData("v46.0", HttpStatusCode.OK, false)]
    [InlineData("v62.0", HttpStatusCode.OK, false)]
    public async Task An_update_by_external_id_answers_by_api_version(string version, HttpStatusCode updated, bool? created)
    {
        var token = await TokenAsync();
        using var first = await PatchAsync(version, "sobjects/Call_Note__c/Note_Key__c/k-" + version, """{"Name":"a"}""", token);
        using var second = await PatchAsync(version, "sobjects/Call_Note__c/Note_Key__c/k-" + version, """{"Name":"b"}""", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var createdBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(version != "v45.0", createdBody.RootElement.TryGetProperty("created", out _));
        Assert.Equal(updated, second.StatusCode);
        if (created is { } value)
        {
            using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
            Assert.Equal(value, body.RootElement.GetProperty("created").GetBoolean());
            Assert.Equal(createdBody.RootElement.GetProperty("id").GetString(), body.RootElement.GetProperty("id").GetString());
        }
        else
        {
            Assert.Empty(await second.Content.ReadAsStringAsync());
        }

        Assert.Equal("b", Assert.Single(_simulator.Org.Records("Call_Note__c")).Text("Name"));
    }

    [Fact]
    public async Task Several_records_sharing_an_external_id_answer_300_with_their_urls_and_nothing_is_written()
    {
        var token = await TokenAsync();
        var ids = Enumerable.Range(0, 2).Select(_ => _simulator.Org.Insert("Task", new Dictionary<string, object?> { ["Legacy_Call_Id__c"] = "dup", ["Subject"] = "s" })).ToList();

        using var response = await PatchAsync("v62.0", "sobjects/Task/Legacy_Call_Id__c/dup", """{"Subject":"changed"}""", token);

        Assert.Equal(HttpStatusCode.MultipleChoices, response.StatusCode);
        var urls = await response.Content.ReadFromJsonAsync<string[]>();
        Assert.Equal(ids.Select(id => $"/services/data/v62.0/sobjects/Task/{id}"), urls);
        Assert.All(_simulator.Org.Records("Task").Where(t => ids.Contains(t.Id)), t => Assert.Equal("s", t.Text("Subject")));
    }

    [Fact]
    public async Task An_unknown_external_id_field_answers_404_not_found()
    {
        var token = await TokenAsync();

        using var response = await PatchAsync("v62.0", "sobjects/Task/Nope__c/x", """{"Subject":"x"}""", token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"errorCode\":\"NOT_FOUND\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_rest_answer_reports_the_api_usage_and_an_exhausted_allowance_answers_403()
    {
        var token = await TokenAsync();
        _simulator.Settings.DailyApiLimit = 2;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "services/data/v62.0/query?q=" + Uri.EscapeDataString("SELECT Id FROM Account LIMIT 1"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request);
            statuses.Add(response.StatusCode);
            Assert.Equal($"api-usage={Math.Min(i + 1, 2)}/2", response.Headers.GetValues("Sforce-Limit-Info").Single());
            if (i == 2)
            {
                Assert.Contains("TotalRequests Limit exceeded.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], statuses);
    }

    [Fact]
    public async Task A_malformed_query_is_refused_with_its_error_code()
    {
        var token = await TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "services/data/v62.0/query?q=" + Uri.EscapeDataString("SELECT Id FROM Account WHERE Name = 'unterminated"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MALFORMED_QUERY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_control_endpoints_expose_the_request_log_without_credentials()
    {
        await TokenAsync();

        var log = await _http.GetStringAsync("_sim/requests");

        Assert.Contains("/services/oauth2/token", log, StringComparison.Ordinal);
        Assert.DoesNotContain(_simulator.Settings.ClientSecret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(_simulator.Tokens.Issued[0], log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalog_starts_the_salesforce_simulator_on_the_port_asked_for()
    {
        var servers = await Connectors.Simulators.Hosting.SimulatorCatalog.StartAllAsync([], CancellationToken.None);
        try
        {
            var (_, server) = Assert.Single(servers, s => s.Name == SalesforceSimulator.Name);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var settings = await http.GetFromJsonAsync<JsonElement>("_sim/settings");
            Assert.Equal(_simulator.Settings.ClientId, settings.GetProperty("clientId").GetString());
        }
        finally
        {
            foreach (var (_, server) in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
