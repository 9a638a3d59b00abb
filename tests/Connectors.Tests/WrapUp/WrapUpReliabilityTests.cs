using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Crm;
using Connectors.Core.Observability;
using Connectors.Simulators.Faults;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;
using Xunit.Abstractions;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// The reliability bar of the wrap-up, seeded: 200 calls end to end over HTTP through LocalHost against each CRM
/// simulator with 20% faults of every kind and an outage longer than the retry deadline. Counted from the
/// simulators' own records: one disposition per recorded call, none twice, every other call parked with a
/// reason; after the outage and a replay, exactly one per call for all of them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WrapUpReliabilityTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Calls = 200;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public Task Salesforce_gets_exactly_one_disposition_per_call_through_faults_an_outage_and_replay() => RunAsync(CrmKind.Salesforce, seed: 11_2026);

    [Fact]
    public Task Zendesk_gets_exactly_one_disposition_per_call_through_faults_an_outage_and_replay() => RunAsync(CrmKind.Zendesk, seed: 29_2026);

    private async Task RunAsync(CrmKind crm, int seed)
    {
        _ = azurite;
        var prefix = crm == CrmKind.Salesforce ? "rel-sf" : "rel-zd";
        await using var rig = await WrapUpRig.StartAsync(crm, new Dictionary<string, string?>
        {
            [$"{crm}:Resilience:BreakDuration"] = "00:00:02",
            ["Logging:LogLevel:Connectors.Core.WrapUp.ParkWrapUpActivity"] = "None",
        });
        var faults = new FaultProfile
        {
            ServerErrorRate = 0.05,
            ThrottleRate = 0.05,
            RetryAfter = TimeSpan.FromSeconds(1),
            DropRate = 0.05,
            LateAnswerRate = 0.05,
            LateAnswerDelay = TimeSpan.FromSeconds(3),
            Seed = seed,
        };
        rig.Faults.Profile = faults;
        var ids = Enumerable.Range(0, Calls).Select(i => $"{prefix}-{i:D3}").ToList();
        using var tokens = new CancellationTokenSource();
        var expiry = crm == CrmKind.Salesforce ? ExpireTokensAsync(rig, tokens.Token) : Task.CompletedTask;

        // The first half ends with faults only; the second half ends inside an outage longer than the retry deadline.
        await DriveAsync(rig, ids[..(Calls / 2)]);
        rig.Faults.Profile = faults with { OutageUntil = DateTimeOffset.UtcNow + Outage };
        await DriveAsync(rig, ids[(Calls / 2)..]);

        var settled = await SettleAsync(rig, ids, TimeSpan.FromMinutes(3));
        var recorded = settled.Where(s => s.Value == "recorded").Select(s => s.Key).ToList();
        var parked = (await rig.ParkedAsync()).ToDictionary(p => p.GetProperty("callId").GetString()!, StringComparer.Ordinal);

        var keys = rig.DispositionKeys();
        Assert.All(keys, k => Assert.Equal(1, k.Value));
        Assert.All(recorded, id => Assert.Equal(1, rig.Dispositions(id)));
        Assert.All(ids.Except(recorded), id =>
        {
            Assert.True(parked.TryGetValue(id, out var p), $"{id} is neither recorded nor parked: {settled[id]}");
            Assert.False(string.IsNullOrEmpty(p.GetProperty("reason").GetString()));
            Assert.False(string.IsNullOrEmpty(p.GetProperty("lastError").GetString()));
        });
        Assert.NotEmpty(parked);
        Assert.Equal(parked.Count, rig.Counter(MetricNames.WrapUpParked));

        // The outage ends; every parked wrap-up is replayed and goes on from the step it stopped at.
        await tokens.CancelAsync();
        await expiry;
        var outageLeft = rig.Faults.Profile.OutageUntil!.Value - DateTimeOffset.UtcNow;
        rig.Faults.Profile = faults;
        if (outageLeft > TimeSpan.Zero)
        {
            rig.Faults.Profile = faults with { OutageUntil = null };
        }

        // The faults go on after the outage, so a replayed step may fail past its deadline again and park again:
        // as an operator would, replay what is parked until nothing is (a few rounds at most).
        var final = settled;
        var toReplay = parked.Keys.ToList();
        for (var round = 0; round < 4 && toReplay.Count > 0; round++)
        {
            var replayedAt = DateTimeOffset.UtcNow;
            foreach (var id in toReplay)
            {
                using var replay = await rig.Http.PostAsync($"api/wrapups/{id}/replay", null);
                Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
            }

            final = await SettleReplayedAsync(rig, ids, toReplay, replayedAt, TimeSpan.FromMinutes(2));
            toReplay = ids.Where(id => final[id] == "parked").ToList();
        }

        Assert.All(ids, id => Assert.Equal("recorded", final[id]));
        Assert.All(ids, id => Assert.Equal(1, rig.Dispositions(id)));
        Assert.All(rig.DispositionKeys(), k => Assert.Equal(1, k.Value));
        Assert.Equal(Calls, rig.DispositionKeys().Count);
        Assert.Empty(await rig.ParkedAsync());
        output.WriteLine($"{crm}: {Calls} calls, {recorded.Count} recorded through the faults, {parked.Count} parked by the outage and replayed; {rig.DispositionKeys().Count} dispositions, none twice.");
        Assert.Equal(Calls, rig.Counter(MetricNames.CallsCompleted));
    }

    /// <summary>Connects and ends the calls over HTTP, a few at a time; each end is answered at once (the wrap-up runs on).</summary>
    private static async Task DriveAsync(WrapUpRig rig, IReadOnlyList<string> ids)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            await rig.ConnectAsync(id);
            await rig.EndAsync(id);
        });
    }

    /// <summary>Polls every unsettled call (bounded) until each is recorded or parked; returns each call's last state.</summary>
    private static async Task<Dictionary<string, string>> SettleAsync(WrapUpRig rig, IReadOnlyList<string> ids, TimeSpan patience)
    {
        var states = ids.ToDictionary(id => id, _ => "unknown", StringComparer.Ordinal);
        try
        {
            await Wait.UntilAsync(
                async () =>
                {
                    foreach (var id in ids.Where(id => states[id] is not ("recorded" or "parked")))
                    {
                        var status = await rig.WrapUpAsync(id);
                        states[id] = status?.GetProperty("state").GetString() ?? "none";
                    }

                    return states.Values.All(s => s is "recorded" or "parked");
                },
                "every call recorded or parked",
                patience);
        }
        catch (TimeoutException)
        {
            // The caller asserts on the states reached, which says which calls did not settle.
        }

        return states;
    }

    /// <summary>Like <see cref="SettleAsync"/>, but a replayed call counts as parked only when it was parked again after the replay.</summary>
    private static async Task<Dictionary<string, string>> SettleReplayedAsync(WrapUpRig rig, IReadOnlyList<string> ids, IReadOnlyList<string> replayed, DateTimeOffset replayedAt, TimeSpan patience)
    {
        var pending = new HashSet<string>(replayed, StringComparer.Ordinal);
        try
        {
            await Wait.UntilAsync(
                async () =>
                {
                    var parkedAgain = (await rig.ParkedAsync())
                        .Where(p => p.GetProperty("parkedAt").GetDateTimeOffset() > replayedAt)
                        .Select(p => p.GetProperty("callId").GetString()!)
                        .ToHashSet(StringComparer.Ordinal);
                    foreach (var id in pending.ToList())
                    {
                        var state = (await rig.WrapUpAsync(id))?.GetProperty("state").GetString();
                        if (state == "recorded" || (state == "parked" && parkedAgain.Contains(id)))
                        {
                            pending.Remove(id);
                        }
                    }

                    return pending.Count == 0;
                },
                "every replayed call recorded or parked again",
                patience);
        }
        catch (TimeoutException)
        {
            // The caller asserts on the states reached, which says which calls did not settle.
        }

        return await SettleAsync(rig, ids, TimeSpan.FromSeconds(30));
    }

    /// <summary>Token expiry as a fault: the simulator revokes every access token now and then, so writes meet a 401 and re-authenticate.</summary>
    private static async Task ExpireTokensAsync(WrapUpRig rig, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                rig.Salesforce!.Tokens.RevokeAll();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
