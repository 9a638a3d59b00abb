using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Connectors.Benchmarks;

/// <summary>
/// Waits for a run's wrap-ups to settle (every call recorded or parked) and counts them, cheaply: each poll reads the
/// simulator's records in process and asks for the parked list once, never one status per call (2,000 status GETs
/// every half second kept Azurite at a core's worth, starving the engine being measured). Only the calls still
/// unaccounted for at the end are asked about, once each, to tell a live wrap-up (in flight) from a void.
/// </summary>
internal static class WrapUpSettle
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>How often a long settle says where it stands, so a run that takes its time still shows it is moving.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    /// <summary>Counting stops early only when nothing has moved for this long.</summary>
    private static readonly TimeSpan NoProgressLimit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Polls until no call is unaccounted for, nothing moves for <see cref="NoProgressLimit"/>, or
    /// <paramref name="patience"/> runs out. <paramref name="parkedSince"/> (after a replay) counts only parks newer than it.
    /// </summary>
    public static async Task<WrapUpCounts> SettleAsync(BenchSystem system, IReadOnlyList<string> ids, DateTimeOffset? parkedSince, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        var lastMove = DateTime.UtcNow;
        var last = (Recorded: -1, Parked: -1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var nextProgress = ProgressEvery;
        while (true)
        {
            var (records, parked) = await ReadAsync(system, ids, parkedSince);
            var recorded = ids.Count(records.ContainsKey);
            var parkedOnly = ids.Count(id => !records.ContainsKey(id) && parked.Contains(id));
            if (recorded + parkedOnly == ids.Count || DateTime.UtcNow > deadline || DateTime.UtcNow - lastMove > NoProgressLimit)
            {
                return await CountAsync(system, ids, records, parked);
            }

            if (clock.Elapsed >= nextProgress)
            {
                nextProgress += ProgressEvery;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    settling, {clock.Elapsed.TotalSeconds:F0} s: recorded {recorded}, parked {parkedOnly}, not yet {ids.Count - recorded - parkedOnly} of {ids.Count}"));
            }

            if ((recorded, parkedOnly) != last)
            {
                last = (recorded, parkedOnly);
                lastMove = DateTime.UtcNow;
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>The parked calls of the run (newer than <paramref name="since"/> when given).</summary>
    public static async Task<IReadOnlyList<string>> ParkedAsync(BenchSystem system, IReadOnlyList<string> ids, DateTimeOffset? since)
    {
        var (records, parked) = await ReadAsync(system, ids, since);
        return ids.Where(id => parked.Contains(id) && !records.ContainsKey(id)).ToList();
    }

    private static async Task<(Dictionary<string, int> Records, HashSet<string> Parked)> ReadAsync(BenchSystem system, IReadOnlyList<string> ids, DateTimeOffset? parkedSince)
    {
        var own = ids.ToHashSet(StringComparer.Ordinal);

        // Every record the call made (CallObject is the call's id): the simulator's seeded Tasks carry none and are not the run's.
        var records = system.Crm.Org.Records("Task")
            .Select(r => r.Text("CallObject"))
            .Where(call => call is not null && own.Contains(call))
            .GroupBy(call => call!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var list = await system.Client.GetFromJsonAsync<JsonElement>("api/wrapups/parked");
        var parked = list.GetProperty("parked").EnumerateArray()
            .Where(p => parkedSince is null || p.GetProperty("parkedAt").GetDateTimeOffset() >= parkedSince)
            .Select(p => p.GetProperty("callId").GetString()!)
            .Where(own.Contains)
            .ToHashSet(StringComparer.Ordinal);
        return (records, parked);
    }

    private static async Task<WrapUpCounts> CountAsync(BenchSystem system, IReadOnlyList<string> ids, Dictionary<string, int> records, HashSet<string> parked)
    {
        var unaccounted = ids.Where(id => !records.ContainsKey(id) && !parked.Contains(id)).ToList();
        var live = 0;
        foreach (var id in unaccounted)
        {
            using var response = await system.Client.GetAsync($"api/calls/{id}/wrapup");
            var state = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() : null;
            live += state is "running" or "waiting-for-human" ? 1 : 0;
        }

        return new WrapUpCounts(
            Recorded: records.Count,
            Parked: ids.Count(id => !records.ContainsKey(id) && parked.Contains(id)),
            InFlight: live,
            Duplicates: records.Values.Sum(n => n - 1),
            Voids: unaccounted.Count - live);
    }
}
