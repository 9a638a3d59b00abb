using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Baton;
using Connectors.Core.Crm;
using Connectors.Core.WrapUp;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Calls;
using Connectors.Tests.Channels;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// Issue 14 item 2: any request about a call is activity, and only a call silent past <c>WrapUp:AbandonAfter</c> (20 s
/// here) is swept as abandoned; a recorded call's baton takes no more turns. LocalHost runs on a fake clock that the
/// test moves; the sweep is run by the test (its own timer never fires on this clock), the wrap-up on the real engine.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AbandonedSweepTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_call_taking_a_turn_every_five_seconds_is_never_swept_and_once_silent_is_swept_and_refuses_appends()
    {
        _ = azurite;
        await using var rig = await SweepRig.StartAsync();
        const string call = "sweep-turns-1";
        await rig.ConnectAsync(call);

        for (var turn = 1; turn <= 8; turn++)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(5));
            using var appended = await rig.AppendAsync(call, $"turn {turn}");
            Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
            Assert.Equal(0, await rig.SweepAsync());
        }

        Assert.Null(await rig.WrapUpAsync(call));

        // Silent now: past AbandonAfter (and the activity mark's coalescing window) the sweep records it.
        rig.Clock.Advance(TimeSpan.FromSeconds(26));
        Assert.Equal(1, await rig.SweepAsync());
        var recorded = await rig.WaitForRecordedAsync(call);
        Assert.Equal("ABANDONED", recorded.GetProperty("draft").GetProperty("outcomeCode").GetString());

        // A turn after the call was recorded: a 409 problem, and the baton is as it was.
        var before = await rig.BatonAsync(call);
        using var late = await rig.AppendAsync(call, "are you still there?");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("urn:connectors:problem:call-already-recorded", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        var after = await rig.BatonAsync(call);
        Assert.Equal((8, before.UpdatedAt), (after.Turns.Count, after.UpdatedAt));
        using var lateTransfer = await rig.Http.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing-dispute", target = "billing" });
        Assert.Equal(HttpStatusCode.Conflict, lateTransfer.StatusCode);
        Assert.Empty((await rig.BatonAsync(call)).Transfers);

        // The platform's own end still reaches the wrap-up (its amendment is the wrap-up's business), not refused at the door.
        var ended = await rig.Wrap.EndAsync(call);
        Assert.False(ended.GetProperty("started").GetBoolean());
        Assert.Equal(1, rig.Wrap.Dispositions(call));
    }

    public static TheoryData<string> Activities => ["append", "transfer", "answered", "read", "knowledge", "channel-read"];

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task Each_kind_of_request_about_a_call_keeps_it_from_being_swept(string activity)
    {
        _ = azurite;
        await using var rig = await SweepRig.StartAsync();
        var call = "sweep-" + activity;
        await rig.ConnectAsync(call, SalesforceSeedData.AlicePhone);
        if (activity == "answered")
        {
            (await rig.Http.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing-dispute", target = "billing" })).EnsureSuccessStatusCode();
        }

        rig.Clock.Advance(TimeSpan.FromSeconds(15));
        using (var response = await rig.ActAsync(call, activity))
        {
            // A read before any step-up is refused (403): still a request about the call, so still activity.
            var expected = activity == "read" ? response.StatusCode == HttpStatusCode.Forbidden : response.IsSuccessStatusCode;
            Assert.True(expected, $"{activity}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // 30 s after connect, 15 s after the request: alive.
        rig.Clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(0, await rig.SweepAsync());
        Assert.Null(await rig.WrapUpAsync(call));

        // Silent since the request for AbandonAfter and the coalescing window: swept.
        rig.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, await rig.SweepAsync());
        await rig.WaitForRecordedAsync(call);
    }

    [Fact]
    public async Task A_silent_call_is_swept_only_past_abandon_after()
    {
        _ = azurite;
        await using var rig = await SweepRig.StartAsync();
        await rig.ConnectAsync("sweep-silent-1", SalesforceSeedData.AlicePhone);

        rig.Clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await rig.SweepAsync());
        rig.Clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(1, await rig.SweepAsync());

        var recorded = await rig.WaitForRecordedAsync("sweep-silent-1");
        Assert.Equal("ABANDONED", recorded.GetProperty("draft").GetProperty("outcomeCode").GetString());
        Assert.Equal(0, await rig.SweepAsync());
    }

    /// <summary>LocalHost on a fake clock with the Salesforce simulator, AbandonAfter 20 s and a sweep timer that never fires.</summary>
    private sealed class SweepRig : IAsyncDisposable
    {
        private SweepRig(WrapUpRig wrap, FakeTimeProvider clock)
        {
            Wrap = wrap;
            Clock = clock;
        }

        public WrapUpRig Wrap { get; }

        public FakeTimeProvider Clock { get; }

        public HttpClient Http => Wrap.Http;

        public static async Task<SweepRig> StartAsync()
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var settings = ChannelDriver.Settings();
            settings["WrapUp:AbandonAfter"] = "00:00:20";
            settings["WrapUp:SweepInterval"] = "1.00:00:00";
            var wrap = await WrapUpRig.StartAsync(CrmKind.Salesforce, settings, services => services.AddSingleton<TimeProvider>(clock));
            return new SweepRig(wrap, clock);
        }

        public async Task ConnectAsync(string call, string? caller = null)
        {
            (await Http.PostAsJsonAsync($"api/calls/{call}/connect", new { platform = "webhook", callerNumber = caller, dialledNumber = "+18005551212" })).EnsureSuccessStatusCode();
            if (caller is not null)
            {
                await Wait.ForAsync(async () => await Http.GetFromJsonAsync<JsonElement>($"api/calls/{call}"), ScreenPopHost.FetchIsDone, $"the account fetch of {call}", Patience);
            }
        }

        public Task<HttpResponseMessage> AppendAsync(string call, string text) =>
            Http.PutAsJsonAsync($"api/calls/{call}/baton", new { turns = new[] { new { speaker = "caller", text } } });

        public Task<HttpResponseMessage> ActAsync(string call, string activity) => activity switch
        {
            "append" => AppendAsync(call, "Still here."),
            "transfer" => Http.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing-dispute", target = "billing" }),
            "answered" => Http.PostAsJsonAsync($"api/calls/{call}/answered", new { agentId = "agent-7" }),
            "read" => Http.GetAsync($"api/calls/{call}/account?action=balance"),
            "knowledge" => Http.PostAsJsonAsync($"api/calls/{call}/auth/knowledge", new { lastFour = "4242", billingZip = "94107" }),
            "channel-read" => new ChannelDriver("amazon-connect", Http).PostAsync(call, "read", new() { ["for"] = "balance" }),
            _ => throw new ArgumentOutOfRangeException(nameof(activity), activity, null),
        };

        public Task<int> SweepAsync() =>
            Wrap.Host.Services.GetRequiredService<AbandonedCallSweeper>().SweepAsync(Wrap.Host.Services.GetRequiredService<DurableTaskClient>(), CancellationToken.None);

        public Task<JsonElement?> WrapUpAsync(string call) => Wrap.WrapUpAsync(call);

        public Task<JsonElement> WaitForRecordedAsync(string call) => Wrap.WaitForStateAsync(call, Patience, "recorded");

        public async Task<global::Connectors.Core.Baton.Baton> BatonAsync(string call) =>
            (await Wrap.Host.Services.GetRequiredService<BatonStore>().GetAsync(call, CancellationToken.None))!;

        public ValueTask DisposeAsync() => Wrap.DisposeAsync();
    }
}
