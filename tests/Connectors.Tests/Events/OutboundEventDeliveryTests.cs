using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Crm;
using Connectors.Core.Events;
using Connectors.Simulators.EventReceiver;
using Connectors.Simulators.Faults;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;
using Connectors.Tests.WrapUp;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Events;

/// <summary>
/// Outbound call events from real wrap-ups to a receiver simulator under faults, counted in the receiver's own records:
/// each event at least once, the same id on a redelivery, none lost; dead-lettered when delivery keeps failing, then resent.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OutboundEventDeliveryTests(AzuriteFixture azurite)
{
    private const string Secret = "events-test-secret-0123456789abcdef-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_event_of_real_wrap_ups_reaches_the_receiver_through_faults_signed_and_a_redelivery_has_the_same_id()
    {
        _ = azurite;
        await using var receiver = await EventReceiverSimulator.StartAsync();
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, Settings(receiver, maxRounds: 100));
        // The first delivery is taken but answered after the sender gave up: it must come again, with the same id.
        receiver.Script.Enqueue(FaultKind.LateAnswer);
        receiver.Faults.Profile = FaultProfile.None with { ServerErrorRate = 0.25, DropRate = 0.1, ThrottleRate = 0.1, RetryAfter = TimeSpan.FromMilliseconds(200), LateAnswerDelay = TimeSpan.FromSeconds(3), Seed = 17_2026 };

        var calls = Enumerable.Range(1, 5).Select(i => $"ev-{i}-{Guid.NewGuid():N}"[..20]).ToList();
        foreach (var call in calls)
        {
            await rig.ConnectAsync(call);
            await rig.EndAsync(call);
        }

        foreach (var call in calls)
        {
            await rig.WaitForStateAsync(call, Patience, "recorded");
        }

        // One wrap-up parks (the CRM is down past its deadline) and is replayed: parked, replayed, then recorded.
        var parkedCall = $"ev-park-{Guid.NewGuid():N}"[..20];
        rig.Faults.Profile = FaultProfile.None with { OutageUntil = DateTimeOffset.UtcNow.AddMinutes(10) };
        await rig.ConnectAsync(parkedCall);
        await rig.EndAsync(parkedCall);
        await rig.WaitForStateAsync(parkedCall, Patience, "parked");
        rig.Faults.Profile = FaultProfile.None;

        await Signals.ParkedReplay.UntilRecordedAsync(rig, parkedCall, Patience);

        var outbox = rig.Host.Services.GetRequiredService<EventOutbox>();
        await Wait.UntilAsync(async () => (await outbox.ListAsync(EventOutbox.Pending, CancellationToken.None)).Count == 0, "the outbox to drain", Patience);
        Assert.Empty(await outbox.ListAsync(EventOutbox.Dead, CancellationToken.None));
        var sent = await outbox.ListAsync(EventOutbox.Sent, CancellationToken.None);

        // What the facts say was emitted, derived independently of the outbox: one call.recorded per call.
        var recordedIds = calls.Append(parkedCall).Select(c => OutboundEventId.For(CallEventTypes.Recorded, c, null)).ToList();
        Assert.Subset(sent.Select(e => e.Id).ToHashSet(StringComparer.Ordinal), recordedIds.ToHashSet(StringComparer.Ordinal));
        Assert.Contains(sent, e => e.Type == CallEventTypes.WrapUpParked && e.CallId == parkedCall);
        Assert.Contains(sent, e => e.Type == CallEventTypes.WrapUpReplayed && e.CallId == parkedCall);

        // None lost: every event the outbox sent was taken by the receiver, at least once.
        var received = receiver.Received;
        var receivedIds = received.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(sent, e => Assert.Contains(e.Id, receivedIds));
        Assert.True(receiver.Attempts > received.Count, $"the faults refused none of {receiver.Attempts} deliveries");

        // The late-answered first delivery came again: the same id, the same event.
        var first = received[0];
        var again = received.Where(r => r.Id == first.Id).ToList();
        Assert.True(again.Count >= 2, $"event {first.Id} ({first.Type}) was taken {again.Count} time(s)");
        Assert.All(again, r => Assert.Equal(first.Type, r.Type));

        foreach (var delivery in received)
        {
            Assert.StartsWith("application/cloudevents+json", delivery.ContentType, StringComparison.Ordinal);
            var check = BiometricSignature.Validate(delivery.Signature, Encoding.UTF8.GetBytes(delivery.Body), Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            Assert.Equal(BiometricSignatureCheck.Valid, check);
            Assert.Equal(BiometricSignatureCheck.Mismatch, BiometricSignature.Validate(delivery.Signature, Encoding.UTF8.GetBytes(delivery.Body), Secret + "x", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        }

        using var recorded = JsonDocument.Parse(received.First(r => r.Type == CallEventTypes.Recorded).Body);
        Assert.Equal("1.0", recorded.RootElement.GetProperty("specversion").GetString());
        Assert.Equal("urn:connectors", recorded.RootElement.GetProperty("source").GetString());
        Assert.Equal("not-required", recorded.RootElement.GetProperty("data").GetProperty("confirmation").GetString());
    }

    [Fact]
    public async Task An_event_the_receiver_keeps_refusing_is_dead_lettered_and_resend_delivers_it_once_the_receiver_is_back()
    {
        _ = azurite;
        await using var receiver = await EventReceiverSimulator.StartAsync();
        receiver.Faults.Profile = FaultProfile.None with { OutageUntil = DateTimeOffset.UtcNow.AddMinutes(10) };
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, Settings(receiver, maxRounds: 2));
        var emitter = rig.Host.Services.GetRequiredService<CallEventEmitter>();
        var outbox = rig.Host.Services.GetRequiredService<EventOutbox>();
        var callId = $"ev-dead-{Guid.NewGuid():N}"[..20];

        Assert.True(await emitter.EmitAsync(CallEventTypes.TransferAnswered, callId, "1", new Dictionary<string, string> { ["agentId"] = "agent-7" }, CancellationToken.None));
        Assert.False(await emitter.EmitAsync(CallEventTypes.TransferAnswered, callId, "1", new Dictionary<string, string> { ["agentId"] = "agent-7" }, CancellationToken.None));
        var id = OutboundEventId.For(CallEventTypes.TransferAnswered, callId, "1");

        await Wait.UntilAsync(async () => (await outbox.FindAsync(id, CancellationToken.None))?.State == EventOutbox.Dead, "the event to be dead-lettered", Patience);
        Assert.Empty(receiver.Received);
        Assert.True(receiver.Attempts >= 2);

        receiver.Faults.Profile = FaultProfile.None;
        using (var resend = await rig.Http.PostAsync($"api/events/{id}/resend", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        }

        await Wait.UntilAsync(() => receiver.Received.Any(r => r.Id == id), "the resent event at the receiver", Patience);
        await Wait.UntilAsync(async () => (await outbox.FindAsync(id, CancellationToken.None))?.State == EventOutbox.Sent, "the event to be sent", Patience);
        Assert.Equal(CallEventTypes.TransferAnswered, receiver.Received.Single(r => r.Id == id).Type);

        using var unknown = await rig.Http.PostAsync($"api/events/evt-{new string('0', 32)}/resend", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("urn:connectors:problem:event-not-found", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        using var malformed = await rig.Http.PostAsync("api/events/not-an-id/resend", null);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private static Dictionary<string, string?> Settings(EventReceiverSimulator receiver, int maxRounds) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Events:Endpoints:hub:Url"] = receiver.EventsUrl.ToString(),
        ["Events:Endpoints:hub:Secret"] = Secret,
        ["Events:PollInterval"] = "00:00:00.200",
        ["Events:FirstRetryDelay"] = "00:00:00.200",
        ["Events:MaxRetryDelay"] = "00:00:01",
        ["Events:MaxRounds"] = maxRounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Events:Resilience:AttemptTimeout"] = "00:00:01",
        ["Events:Resilience:TotalTimeout"] = "00:00:03",
        ["Events:Resilience:BaseDelay"] = "00:00:00.050",
        ["Events:Resilience:MaxRetryAfter"] = "00:00:01",
    };
}
