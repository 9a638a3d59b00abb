using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Auth.Support;
using Connectors.Tests.Storage;

namespace Connectors.Tests.EndToEnd;

/// <summary>The small answers a flow (or a prober) meets at the edges: each is the problem it should be, with the right status.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SmallAnswersScenarioTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_dry_run_ledger_of_an_unknown_or_production_call_is_404_and_of_a_dry_run_call_200()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        (await host.ConnectAsync("ledger-prod", SalesforceSeedData.AlicePhone)).EnsureSuccessStatusCode();
        (await host.ConnectAsync("ledger-dry", SalesforceSeedData.AlicePhone, dryRun: true)).EnsureSuccessStatusCode();

        await HttpAssert.ProblemAsync(await host.Http.GetAsync("api/calls/ledger-nobody/dry-run/ledger"), HttpStatusCode.NotFound, "call-not-found");
        await HttpAssert.ProblemAsync(await host.Http.GetAsync("api/calls/ledger-prod/dry-run/ledger"), HttpStatusCode.NotFound, "not-a-dry-run");
        using var dry = await host.Http.GetAsync("api/calls/ledger-dry/dry-run/ledger");
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_and_a_wrong_method_answer_problem_details()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);

        await HttpAssert.ProblemAsync(await host.Http.GetAsync("api/no-such-thing"), HttpStatusCode.NotFound, "not-found");
        await HttpAssert.ProblemAsync(await host.Http.DeleteAsync("api/calls/any-call"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        await HttpAssert.ProblemAsync(await host.Http.GetAsync("api/calls/any-call/connect"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task A_json_endpoint_called_without_a_json_content_type_answers_415()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        var body = Encoding.UTF8.GetBytes("""{"platform":"twilio","callerNumber":"+14155550101"}""");

        using var none = new ByteArrayContent(body);
        await HttpAssert.ProblemAsync(await host.Http.PostAsync("api/calls/ctype-1/connect", none), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using var jsonish = new ByteArrayContent(body);
        jsonish.Headers.ContentType = new MediaTypeHeaderValue("text/x-jsonish");
        await HttpAssert.ProblemAsync(await host.Http.PostAsync("api/calls/ctype-1/connect", jsonish), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using var knowledge = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"lastFour":"4242","billingZip":"94107"}"""));
        await HttpAssert.ProblemAsync(await host.Http.PostAsync("api/calls/ctype-1/auth/knowledge", knowledge), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Null(await host.Sessions.GetAsync("ctype-1", CancellationToken.None));

        using var json = new ByteArrayContent(body);
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync("api/calls/ctype-2/connect", json)).StatusCode);
    }

    [Fact]
    public async Task A_long_action_is_not_echoed_whole_in_the_refusal()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        (await host.ConnectAsync("long-action", SalesforceSeedData.AlicePhone)).EnsureSuccessStatusCode();
        await host.WaitForFetchAsync("long-action");

        using var read = await host.ReadAsync("long-action", new string('x', 5_000));
        var text = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.DoesNotContain(new string('x', 100), text, StringComparison.Ordinal);
        Assert.True(text.Length < 1_000, $"the refusal is {text.Length} characters long");
    }

    [Fact]
    public async Task A_repeated_connect_is_202_when_it_repeats_the_session_and_409_when_it_contradicts_it()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        (await host.ConnectAsync("repeat-1", SalesforceSeedData.AlicePhone)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Accepted, (await host.ConnectAsync("repeat-1", SalesforceSeedData.AlicePhone)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.ConnectAsync("repeat-1", "(415) 555-0101")).StatusCode);
        await HttpAssert.ProblemAsync(await host.ConnectAsync("repeat-1", SalesforceSeedData.SharedHouseholdPhone), HttpStatusCode.Conflict, "call-connected-differently");
        await HttpAssert.ProblemAsync(await host.ConnectAsync("repeat-1", SalesforceSeedData.AlicePhone, dryRun: true), HttpStatusCode.Conflict, "call-connected-differently");
        var session = await host.Sessions.GetAsync("repeat-1", CancellationToken.None);
        Assert.Equal(SalesforceSeedData.AlicePhone, session!.CallerE164);
        Assert.False(session.DryRun);
    }

    [Fact]
    public async Task Failed_account_number_selections_lock_out_per_call_and_per_caller_number()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        const string caller = "+16285559901";
        (await host.ConnectAsync("guess-1", caller)).EnsureSuccessStatusCode();
        await host.WaitForFetchAsync("guess-1");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("not-found", await SelectAsync(host, "guess-1", $"99000{i}"));
        }

        await HttpAssert.ProblemAsync(await PostSelectAsync(host, "guess-1", SalesforceSeedData.AliceAccountNumber), HttpStatusCode.TooManyRequests, "auth-locked-out");

        // Another call from the same number carries on the count: five failures per caller number.
        (await host.ConnectAsync("guess-2", caller)).EnsureSuccessStatusCode();
        await host.WaitForFetchAsync("guess-2");
        Assert.Equal("not-found", await SelectAsync(host, "guess-2", "990010"));
        Assert.Equal("not-found", await SelectAsync(host, "guess-2", "990011"));
        await HttpAssert.ProblemAsync(await PostSelectAsync(host, "guess-2", SalesforceSeedData.AliceAccountNumber), HttpStatusCode.TooManyRequests, "auth-locked-out");

        // A caller who names their account at once is not held back.
        (await host.ConnectAsync("guess-3", "+16285559902")).EnsureSuccessStatusCode();
        await host.WaitForFetchAsync("guess-3");
        Assert.Equal("selected", await SelectAsync(host, "guess-3", SalesforceSeedData.AliceAccountNumber));
    }

    private static Task<HttpResponseMessage> PostSelectAsync(CallContractHost host, string callId, string accountNumber) =>
        host.Http.PostAsJsonAsync($"api/calls/{callId}/account/select", new { accountNumber });

    /// <summary>Selects and, while the lookup runs, asks again (bounded), as a flow does on "retry".</summary>
    private static async Task<string> SelectAsync(CallContractHost host, string callId, string accountNumber)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await PostSelectAsync(host, callId, accountNumber);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"select answered {(int)response.StatusCode}: {body}");
            var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
            if (status != "pending" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }
}
