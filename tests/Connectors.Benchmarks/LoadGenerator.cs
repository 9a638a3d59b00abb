using System.Diagnostics;
using System.Globalization;

namespace Connectors.Benchmarks;

/// <summary>
/// Debian's <c>hey</c> as the single-endpoint load generator (scripts/bench.sh installs it). One hey process with many
/// workers is not a steady rate: its workers start together and tick on the same interval, so the load arrives as
/// bursts of every worker at once (200 requests every 4 s for 50/s), and the latency measured is the burst's queue
/// (p50 ~200 ms here against ~5 ms at a steady rate). So the rate is split over <see cref="Lanes"/> hey processes of
/// one worker each, started a tenth of an interval apart: one request due every 1/rate s. A worker whose answer takes
/// longer than its interval (10/rate s: 200 ms at 50/s) sends its next request late: those answers are counted
/// (<see cref="LoadGeneratorResult.HeldBack"/>), not hidden.
/// Bounded by count and duration; 127.0.0.1 only.
/// </summary>
internal sealed class LoadGenerator(string executable)
{
    private const int Lanes = 10;

    public async Task<LoadGeneratorResult> RunAsync(Uri url, string apiKey, double rate, TimeSpan duration)
    {
        if (!url.IsLoopback)
        {
            throw new InvalidOperationException("The load generator only ever targets 127.0.0.1.");
        }

        var perLane = rate / Lanes;
        var perLaneCount = (int)Math.Round(perLane * duration.TotalSeconds);
        var lanes = Enumerable.Range(0, Lanes).Select(async lane =>
        {
            // Lane i starts i/rate s after lane 0, so the lanes' requests interleave one every 1/rate s.
            await Task.Delay(TimeSpan.FromSeconds(lane / rate));
            return await RunLaneAsync(url, apiKey, perLane, perLaneCount, duration);
        });
        var results = await Task.WhenAll(lanes);

        var latencies = new Latencies();
        foreach (var elapsed in results.SelectMany(r => r))
        {
            latencies.Add(elapsed);
        }

        return new LoadGeneratorResult(latencies, Offered: perLaneCount * Lanes, LaneInterval: TimeSpan.FromSeconds(1 / perLane));
    }

    private async Task<List<TimeSpan>> RunLaneAsync(Uri url, string apiKey, double rate, int count, TimeSpan duration)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-n", count.ToString(CultureInfo.InvariantCulture), "-c", "1",
                "-q", rate.ToString(CultureInfo.InvariantCulture), "-t", "10", "-o", "csv",
                "-H", $"x-functions-key: {apiKey}", url.ToString(),
            },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        using var bound = new CancellationTokenSource(duration + TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        // CSV: response-time (s), DNS+dialup, DNS, request-write, response-delay, response-read, status-code, offset.
        var latencies = new List<TimeSpan>();
        foreach (var line in (await output).Split('\n').Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length >= 7 && fields[6] == "200" && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                latencies.Add(TimeSpan.FromSeconds(seconds));
            }
        }

        return latencies;
    }
}

/// <summary>What the load generator measured: the OK answers' latencies, how many requests were due, each lane's interval.</summary>
internal sealed record LoadGeneratorResult(Latencies Latencies, int Offered, TimeSpan LaneInterval)
{
    /// <summary>Answers slower than a lane's interval: each sent its lane's next request late.</summary>
    public int HeldBack => Latencies.CountAbove(LaneInterval);

    /// <summary>Requests due that did not come back 200 within the run (late, refused or failed).</summary>
    public int NotOk => Offered - Latencies.Count;
}
