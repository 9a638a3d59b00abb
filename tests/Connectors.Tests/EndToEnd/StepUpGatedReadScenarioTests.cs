using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Storage;

namespace Connectors.Tests.EndToEnd;

/// <summary>
/// Issue 5's first "done when", end to end: the gated read of the screen-pop opens exactly when the
/// method its action needs passes, through the real endpoints, connector, simulators and Azurite.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class StepUpGatedReadScenarioTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Balance_opens_on_the_knowledge_check_and_payment_only_on_the_sms_passcode_to_the_number_on_file()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        const string call = "stepup-e2e-1";
        (await host.ConnectAsync(call, SalesforceSeedData.AlicePhone)).EnsureSuccessStatusCode();
        Assert.Equal("completed", (await host.WaitForFetchAsync(call)).GetProperty("fetchStatus").GetString());

        await AssertDeniedAsync(host, call, "balance", requiredLevel: "knowledge");
        await AssertDeniedAsync(host, call, "payment", requiredLevel: "possession");

        Assert.Equal("failed", await OutcomeAsync(await host.KnowledgeCheckAsync(call, "9999", "94107")));
        await AssertDeniedAsync(host, call, "balance", requiredLevel: "knowledge");

        Assert.Equal("passed", await OutcomeAsync(await host.KnowledgeCheckAsync(call, "4242", "94107")));
        var balance = await AssertOpenAsync(host, call, "balance");
        Assert.Equal(1523.45m, balance.GetProperty("balance").GetDecimal());
        Assert.False(balance.TryGetProperty("cardLastFour", out _), "balance shows only the fields its policy names");
        await AssertDeniedAsync(host, call, "payment", requiredLevel: "possession");

        using var sent = await host.Http.PostAsJsonAsync($"api/calls/{call}/auth/otp", new { channel = "sms" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var send = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("***0101", send.GetProperty("maskedDestination").GetString());
        Assert.Equal("sms", send.GetProperty("channel").GetString());
        var message = Assert.Single(host.Twilio.Messages);
        Assert.Equal("+14155550101", message.To);
        var code = SixDigits().Match(message.Body).Value;

        Assert.Equal("failed", await OutcomeAsync(await host.Http.PostAsJsonAsync($"api/calls/{call}/auth/otp/verify", new { code = code == "000000" ? "000001" : "000000" })));
        await AssertDeniedAsync(host, call, "payment", requiredLevel: "possession");

        Assert.Equal("passed", await OutcomeAsync(await host.Http.PostAsJsonAsync($"api/calls/{call}/auth/otp/verify", new { code })));
        await AssertOpenAsync(host, call, "payment");
    }

    [Fact]
    public async Task A_shared_phone_pops_nothing_and_no_method_can_pass_until_the_caller_names_an_account()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        const string call = "stepup-e2e-shared";
        (await host.ConnectAsync(call, SalesforceSeedData.SharedHouseholdPhone)).EnsureSuccessStatusCode();
        await host.WaitForFetchAsync(call);

        using var read = await host.ReadAsync(call, "balance");
        var body = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ambiguous", body.GetProperty("status").GetString());
        Assert.Equal("ask-account-number", body.GetProperty("action").GetString());
        Assert.False(body.TryGetProperty("balance", out _));
        Assert.False(body.TryGetProperty("displayName", out _));

        // Bob's answers, on a call that has not said which of the household it is about.
        using var check = await host.KnowledgeCheckAsync(call, "1881", "60601");
        Assert.Equal(HttpStatusCode.Conflict, check.StatusCode);

        (await host.Http.PostAsJsonAsync($"api/calls/{call}/account/select", new { accountNumber = "200300400" })).EnsureSuccessStatusCode();
        Assert.Equal("passed", await OutcomeAsync(await host.KnowledgeCheckAsync(call, "1881", "60601")));
        var opened = await AssertOpenAsync(host, call, "balance");
        Assert.Equal(88.10m, opened.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Answers_name_levels_and_channels_and_a_problem_has_one_status()
    {
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString);
        (await host.ConnectAsync("wire-1", SalesforceSeedData.AlicePhone)).EnsureSuccessStatusCode();
        await host.WaitForFetchAsync("wire-1");

        using var denied = await host.ReadAsync("wire-1", "balance");
        var problemText = await denied.Content.ReadAsStringAsync();
        AssertNoDuplicateKeys(problemText);
        Assert.Equal("denied", JsonDocument.Parse(problemText).RootElement.GetProperty("outcome").GetString());

        using var passed = await host.KnowledgeCheckAsync("wire-1", "4242", "94107");
        var answer = await passed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("knowledge", answer.GetProperty("level").GetString());
    }

    private static void AssertNoDuplicateKeys(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        var seen = new Stack<HashSet<string>>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    seen.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.EndObject:
                    seen.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    Assert.True(seen.Peek().Add(name), $"'{name}' appears twice in {json}");
                    break;
            }
        }
    }

    private static async Task AssertDeniedAsync(CallContractHost host, string call, string action, string requiredLevel)
    {
        using var response = await host.ReadAsync(call, action);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:connectors:problem:step-up-required", problem.GetProperty("type").GetString());
        Assert.Equal(requiredLevel, problem.GetProperty("requiredLevel").GetString());
        Assert.False(problem.TryGetProperty("balance", out _));
    }

    private static async Task<JsonElement> AssertOpenAsync(CallContractHost host, string call, string action)
    {
        using var response = await host.ReadAsync(call, action);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        return body;
    }

    private static async Task<string?> OutcomeAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString();
        }
    }

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
