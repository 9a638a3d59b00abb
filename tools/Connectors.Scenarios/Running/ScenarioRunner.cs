using Connectors.Scenarios.Model;
using Connectors.Scenarios.Scoring;

namespace Connectors.Scenarios.Running;

/// <summary>
/// Runs scenarios against one live host: each through every entry point it names, <c>repeat</c> times, as dry runs with
/// fresh call ids; then scores each run and compares the entry points' ledgers. Scenarios without faults run side by
/// side (<see cref="RunnerSettings.Parallelism"/>); a scenario that injects faults runs alone, as faults are global to a simulator.
/// </summary>
public sealed class ScenarioRunner(HttpClient http, RunnerSettings settings)
{
    private readonly ScenarioExecutor _executor = new(http, settings);

    /// <summary>Called as each run finishes (the console's progress bar).</summary>
    public Action<Scorecard>? OnRun { get; init; }

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(IReadOnlyList<Scenario> scenarios, int repeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var results = new ScenarioResult?[scenarios.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, settings.Parallelism));
        var calm = scenarios.Select((s, i) => (s, i)).Where(p => p.s.Faults.Count == 0).ToList();
        await Task.WhenAll(calm.Select(async p =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                results[p.i] = await RunOneAsync(p.s, repeat, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var (s, i) in scenarios.Select((s, i) => (s, i)).Where(p => p.s.Faults.Count > 0))
        {
            results[i] = await RunOneAsync(s, repeat, cancellationToken);
        }

        return [.. results.Select(r => r!)];
    }

    public async Task<ScenarioResult> RunOneAsync(Scenario scenario, int repeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!string.Equals(scenario.Crm, settings.Crm, StringComparison.OrdinalIgnoreCase))
        {
            return new ScenarioResult(scenario.Name, scenario.File, [], [], $"written for {scenario.Crm}; the host runs {settings.Crm}");
        }

        if (scenario.WaitsOn is { } fix)
        {
            return new ScenarioResult(scenario.Name, scenario.File, [], [], "waits on " + fix);
        }

        var cards = new List<Scorecard>();
        var differences = new List<string>();
        for (var round = 0; round < Math.Max(1, repeat); round++)
        {
            IReadOnlyList<LedgerWrite>? first = null;
            string? firstChannel = null;
            // The entry points of one scenario go one after another: they share a caller, whose gates count attempts.
            foreach (var channel in scenario.Channels)
            {
                var callId = CallIdFor(scenario, channel);
                var run = await _executor.RunAsync(scenario, channel, callId, cancellationToken);
                var card = ScorecardJudge.Judge(scenario, run);
                cards.Add(card);
                OnRun?.Invoke(card);
                var ledger = LedgerNormalizer.Normalize(callId, run.Ledger);
                if (first is null)
                {
                    (first, firstChannel) = (ledger, channel);
                }
                else
                {
                    differences.AddRange(LedgerNormalizer.Diff(first, ledger, firstChannel!, channel).Select(d => $"{firstChannel} vs {channel}: {d}"));
                }
            }
        }

        return new ScenarioResult(scenario.Name, scenario.File, cards, differences);
    }

    /// <summary>A fresh id per run, in the shape the platform uses (Twilio's CallSid starts with CA).</summary>
    public static string CallIdFor(Scenario scenario, string channel)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var unique = Guid.NewGuid().ToString("N");
        // Letters only after the name: a run of hex digits could pass for a card number in the card-digit rule.
        var letters = string.Concat(unique[..16].Select(c => (char)('a' + Uri.FromHex(c))));
        return channel == PlatformDriver.Twilio ? "CA" + unique : $"sc-{scenario.Name}"[..Math.Min(40, 3 + scenario.Name.Length)] + "-" + letters;
    }
}
