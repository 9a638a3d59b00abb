using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.WrapUp;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;

namespace Connectors.Tests.WrapUp;

/// <summary>LocalHost killed with SIGKILL in the middle of wrap-ups (Azurite left running) and started again with the same worker id.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class WrapUpCrashTests(AzuriteFixture azurite)
{
    private const int Calls = 30;

    [Fact]
    public async Task After_a_kill_9_mid_wrap_up_a_restart_records_each_call_exactly_once_and_no_completed_step_runs_again()
    {
        await using var salesforce = await SalesforceSimulator.StartAsync();
        var settings = WrapUpRig.FastSettings();
        foreach (var (key, value) in WrapUpRig.SalesforceSettings(salesforce))
        {
            settings[key] = value;
        }

        settings["Storage:ConnectionString"] = azurite.ConnectionString;
        settings["Storage:TablePrefix"] = AzuriteStorage.NewTablePrefix("kill");
        settings["DurableTask:WorkerId"] = "kill-test-worker";
        settings["DurableTask:WorkItemVisibilityTimeout"] = "00:00:30";
        settings["DurableTask:ControlQueueVisibilityTimeout"] = "00:00:15";
        settings["Salesforce:Resilience:AttemptTimeout"] = "00:00:10";
        settings["Salesforce:Resilience:TotalTimeout"] = "00:00:12";
        salesforce.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromMilliseconds(200), LatencyP99 = TimeSpan.FromMilliseconds(400), Seed = 7 };
        var ids = Enumerable.Range(0, Calls).Select(i => $"kill-{i:D2}").ToList();

        var first = await LocalHostProcess.StartAsync(settings);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (id, ct) =>
        {
            (await first.Http.PostAsJsonAsync($"api/calls/{id}/connect", new { platform = "webhook" }, ct)).EnsureSuccessStatusCode();
            (await first.Http.PostAsJsonAsync($"api/calls/{id}/end", new { humanTookCall = false }, ct)).EnsureSuccessStatusCode();
        });
        await WaitAsync(() => ids.Count(id => Dispositions(salesforce, id) > 0) >= 3, TimeSpan.FromSeconds(60), "three calls recorded before the kill");

        // Hold every CRM request, and kill once no step has completed for 3 s: activities then wait on the CRM, none sits
        // between its end and the engine's record of it (a step killed there may rightly run again: delivery is at least once).
        salesforce.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromSeconds(60), LatencyP99 = TimeSpan.FromSeconds(61), Seed = 7 };
        var quietSince = DateTime.UtcNow;
        var lastCount = -1;
        await WaitAsync(async () =>
        {
            var count = 0;
            foreach (var id in ids)
            {
                count += (await StepsAsync(first.Http, id)).Count;
            }

            if (count != lastCount)
            {
                (lastCount, quietSince) = (count, DateTime.UtcNow);
            }

            return DateTime.UtcNow - quietSince >= TimeSpan.FromSeconds(3);
        }, TimeSpan.FromSeconds(45), () => "no wrap-up step completing for 3 s");
        var before = ids.Count(id => Dispositions(salesforce, id) > 0);
        await first.KillAsync();
        await first.DisposeAsync();
        Assert.True(before < Calls, "the kill came after every wrap-up had finished; nothing was in flight");

        salesforce.Faults.Profile = FaultProfile.None;
        await using var second = await LocalHostProcess.StartAsync(settings);
        var states = new Dictionary<string, string?>();
        await WaitAsync(async () =>
        {
            foreach (var id in ids)
            {
                var status = await second.Http.GetFromJsonAsync<JsonElement>($"api/calls/{id}/wrapup");
                states[id] = status.GetProperty("state").GetString() + " " + status.GetProperty("stepsDone");
            }

            return states.Values.All(s => s!.StartsWith("recorded", StringComparison.Ordinal));
        }, TimeSpan.FromMinutes(2), () => "every call recorded after the restart; " + string.Join("; ", states.Where(s => !s.Value!.StartsWith("recorded", StringComparison.Ordinal)).Select(s => $"{s.Key} {s.Value}")));

        Assert.All(ids, id => Assert.Equal(1, Dispositions(salesforce, id)));
        foreach (var id in ids)
        {
            Assert.Equal(["load", "draft", "upsert", "note", "recorded"], await StepsAsync(second.Http, id));
        }
    }

    /// <summary>The wrap-up steps the call's events record as completed, in order.</summary>
    private static async Task<List<string?>> StepsAsync(HttpClient http, string callId)
    {
        var summary = await http.GetFromJsonAsync<JsonElement>($"api/calls/{callId}");
        return summary.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == WrapUpSteps.StepEventKind)
            .Select(e => e.GetProperty("detail").GetString())
            .ToList();
    }

    /// <summary>Every record the call made in Salesforce, whatever write made it.</summary>
    private static int Dispositions(SalesforceSimulator salesforce, string callId) => CallRecords.Salesforce(salesforce, callId).Count;

    private static Task WaitAsync(Func<bool> condition, TimeSpan patience, string what) => WaitAsync(() => Task.FromResult(condition()), patience, () => what);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan patience, Func<string> what)
    {
        try
        {
            await Wait.UntilAsync(condition, "the crash test's condition", patience);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message} {what()}.", timedOut);
        }
    }
}
