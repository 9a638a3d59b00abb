using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;
using Connectors.Tests.WrapUp;

namespace Connectors.Tests.Signals;

/// <summary><c>GET /api/signals</c> over real HTTP after real wrap-ups on the Durable Task engine: the numbers come from the tables.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SignalsHttpTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task After_the_billing_call_and_a_faulted_wrap_up_dispositions_per_call_is_one_and_the_parked_count_is_what_the_run_parked()
    {
        _ = azurite;
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce);
        var billing = "sig-billing-" + Guid.NewGuid().ToString("N")[..8];
        var faulted = "sig-faulted-" + Guid.NewGuid().ToString("N")[..8];

        await rig.ConnectAsync(billing);
        using (var baton = await rig.Http.PutAsJsonAsync($"api/calls/{billing}/baton", new
        {
            intent = "duplicate-charge dispute",
            amounts = new[] { new { value = 59.00m, currency = "USD", label = "duplicate charge" } },
            turns = new[] { new { speaker = "caller", text = "I was charged twice, 59 dollars on the fifth." } },
        }))
        {
            baton.EnsureSuccessStatusCode();
        }

        await rig.EndAsync(billing);
        await rig.WaitForStateAsync(billing, Patience, "recorded");

        // The CRM goes down for longer than the wrap-up's retry deadline: the second call parks.
        rig.Faults.Profile = FaultProfile.None with { OutageUntil = DateTimeOffset.UtcNow.AddMinutes(10) };
        await rig.ConnectAsync(faulted);
        await rig.EndAsync(faulted);
        await rig.WaitForStateAsync(faulted, Patience, "parked");
        var parkedByTheRun = (await rig.ParkedAsync()).Count;

        var signals = await SignalsAsync(rig.Http, from: DateTimeOffset.UtcNow.AddHours(-1), to: DateTimeOffset.UtcNow.AddMinutes(1));

        var dispositions = signals.GetProperty("dispositions");
        Assert.Equal(1.0, dispositions.GetProperty("perCompletedCall").GetDouble());
        Assert.Equal(1, dispositions.GetProperty("completedCalls").GetInt32());
        Assert.Equal(rig.Dispositions(billing), dispositions.GetProperty("dispositions").GetInt32());
        Assert.Equal(2, dispositions.GetProperty("endedCalls").GetInt32());
        Assert.Empty(dispositions.GetProperty("duplicates").EnumerateArray());
        Assert.Empty(dispositions.GetProperty("voids").EnumerateArray());
        var salesforce = Assert.Single(dispositions.GetProperty("byCrm").EnumerateArray());
        Assert.Equal("salesforce", salesforce.GetProperty("crm").GetString());

        var parked = signals.GetProperty("parked");
        Assert.Equal(1, parkedByTheRun);
        Assert.Equal(parkedByTheRun, parked.GetProperty("count").GetInt32());
        var item = Assert.Single(parked.GetProperty("items").EnumerateArray());
        Assert.Equal(faulted, item.GetProperty("callId").GetString());
        Assert.Equal($"POST /api/wrapups/{faulted}/replay", item.GetProperty("replay").GetString());

        Assert.Equal(59.00m, signals.GetProperty("disputedAmountTotal").GetDecimal());
        Assert.Equal(1, signals.GetProperty("outcomes").GetProperty("BILLING_DISPUTE_CREDIT").GetInt32());
        Assert.Equal(2, signals.GetProperty("cost").GetProperty("calls").GetInt32());
        Assert.Contains(signals.GetProperty("checks").EnumerateArray(), c => c.GetProperty("signal").GetString() == "parked wrap-ups" && c.GetProperty("out").GetBoolean());

        // The outage ends and the operator replays: both calls are recorded, still one disposition each.
        rig.Faults.Profile = FaultProfile.None;
        await ParkedReplay.UntilRecordedAsync(rig, faulted, Patience);
        var after = await SignalsAsync(rig.Http, from: DateTimeOffset.UtcNow.AddHours(-1), to: DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(1.0, after.GetProperty("dispositions").GetProperty("perCompletedCall").GetDouble());
        Assert.Equal(2, after.GetProperty("dispositions").GetProperty("completedCalls").GetInt32());
        Assert.Equal(0, after.GetProperty("parked").GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")]
    [InlineData("from=2025-01-01&to=2026-12-01")]
    public async Task A_bad_or_too_long_range_is_a_400_problem_not_a_scan(string query)
    {
        _ = azurite;
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce);

        using var response = await rig.Http.GetAsync($"api/signals?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:connectors:problem:invalid-signal-range", problem.GetProperty("type").GetString());
    }

    internal static async Task<JsonElement> SignalsAsync(HttpClient http, DateTimeOffset from, DateTimeOffset to)
    {
        using var response = await http.GetAsync($"api/signals?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
