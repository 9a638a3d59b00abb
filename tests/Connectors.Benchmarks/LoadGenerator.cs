using System.Diagnostics;
using System.Globalization;

namespace Connectors.Benchmarks;

/// <summary>
/// Debian's <c>hey</c> as the single-endpoint load generator (scripts/bench.sh installs it). hey's rate is per worker
/// and a worker waits for its answer, so the rate is spread over many slow workers (each at a quarter request per
/// second): an answer holds back that worker's next request only past 4 s, far beyond the latencies measured, which
/// keeps the load open (no coordinated omission). Bounded by count and duration; 127.0.0.1 only.
/// </summary>
internal sealed class LoadGenerator(string executable)
{
    private const double PerWorkerRate = 0.25;

    public async Task<Latencies> RunAsync(Uri url, string apiKey, double rate, TimeSpan duration)
    {
        if (!url.IsLoopback)
        {
            throw new InvalidOperationException("The load generator only ever targets 127.0.0.1.");
        }

        var workers = Math.Max(1, (int)Math.Ceiling(rate / PerWorkerRate));
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-n", total.ToString(CultureInfo.InvariantCulture), "-c", workers.ToString(CultureInfo.InvariantCulture),
                "-q", PerWorkerRate.ToString(CultureInfo.InvariantCulture), "-t", "10", "-o", "csv",
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
        var latencies = new Latencies();
        foreach (var line in (await output).Split('\n').Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length >= 7 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                latencies.Add(TimeSpan.FromSeconds(seconds));
            }
        }

        return latencies;
    }
}
