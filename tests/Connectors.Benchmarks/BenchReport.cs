using System.Globalization;
using System.Text.Json;

namespace Connectors.Benchmarks;

/// <summary>
/// The one table scripts/bench.sh prints, and the same numbers as JSON (<c>.artifacts/bench/bench-{utc}.json</c>):
/// one row per figure, with its unit and the target it is judged by when it has one.
/// </summary>
internal sealed class BenchReport
{
    private readonly List<BenchFigure> _figures = [];

    public BenchReport(string mode, double loadAverage)
    {
        Mode = mode;
        LoadAverageAtStart = loadAverage;
    }

    public string Mode { get; }

    public double LoadAverageAtStart { get; }

    public void Add(string phase, string figure, double value, string unit, string? target = null)
    {
        lock (_figures)
        {
            // NaN is how the bench's figures say "none" (an empty sample, a knee not reached); JSON has no NaN, so it is null.
            _figures.Add(new BenchFigure(phase, figure, double.IsNaN(value) ? null : Math.Round(value, 3), unit, target));
        }

        // Each figure as soon as it is known, so a run stopped midway still told what it measured.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-26} {figure,-46} {Format(value),12} {unit,-10} {target}"));
    }

    public void PrintTable()
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Connectors bench ({Mode}; load average at start {LoadAverageAtStart:F2}; figures from a loaded machine do not count)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"phase",-26} {"figure",-46} {"value",12} {"unit",-10} target"));
        Console.WriteLine(new string('-', 110));
        lock (_figures)
        {
            foreach (var f in _figures)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Phase,-26} {f.Figure,-46} {Format(f.Value),12} {f.Unit,-10} {f.Target}"));
            }
        }
    }

    public async Task<string> WriteJsonAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"bench-{DateTime.UtcNow:yyyyMMddTHHmmssZ}.json");
        List<BenchFigure> figures;
        lock (_figures)
        {
            figures = [.. _figures];
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new { mode = Mode, loadAverageAtStart = LoadAverageAtStart, utc = DateTime.UtcNow, prices = StoragePrices.Source, figures }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        return path;
    }

    /// <summary>
    /// The one-minute load average before the bench began: scripts/bench.sh reads it before it installs and builds
    /// (<c>CONNECTORS_BENCH_LOAD_AT_START</c>), since its own build would otherwise be what this reports.
    /// </summary>
    public static double LoadAverage()
    {
        if (double.TryParse(Environment.GetEnvironmentVariable("CONNECTORS_BENCH_LOAD_AT_START"), NumberStyles.Float, CultureInfo.InvariantCulture, out var before))
        {
            return before;
        }

        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static string Format(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString(Math.Abs(v) >= 100 ? "F0" : "0.###", CultureInfo.InvariantCulture) : "n/a";
}
