using System.Globalization;
using Connectors.Scenarios.Model;
using Connectors.Scenarios.Replay;
using Connectors.Scenarios.Reporting;
using Connectors.Scenarios.Running;
using Spectre.Console;

namespace Connectors.Scenarios;

/// <summary>What the console tool does for its arguments: validate, run (with progress, scorecards and reports), export or replay.</summary>
public sealed class RunnerCommand(RunnerArguments arguments)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var loader = ScenarioLoader.Default();
        using var http = new HttpClient { BaseAddress = arguments.Settings.BaseUrl, Timeout = TimeSpan.FromSeconds(100) };
        if (arguments.FromCall is { } callId)
        {
            return await FromCallAsync(http, callId, cancellationToken);
        }

        if (arguments.Replay is { } folder)
        {
            return await ReplayAsync(http, folder, cancellationToken);
        }

        var files = ScenarioLoader.Files(arguments.Path);
        var invalid = 0;
        var scenarios = new List<Scenario>();
        foreach (var file in files)
        {
            var errors = loader.Validate(file, out var node);
            if (errors.Count > 0)
            {
                invalid++;
                AnsiConsole.MarkupLineInterpolated($"[red]invalid[/] {file}");
                foreach (var error in errors)
                {
                    AnsiConsole.MarkupLineInterpolated($"  {error}");
                }
            }
            else
            {
                scenarios.Add(ScenarioLoader.Read(node!, file));
            }
        }

        if (arguments.Validate || invalid > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"{files.Count - invalid} of {files.Count} scenario files valid");
            return invalid == 0 ? 0 : 1;
        }

        IReadOnlyList<ScenarioResult> results = [];
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var total = scenarios.Where(s => s.WaitsOn is null && s.Crm == arguments.Settings.Crm).Sum(s => s.Channels.Count) * Math.Max(1, arguments.Repeat);
            var task = progress.AddTask($"{scenarios.Count} scenarios against {arguments.Settings.BaseUrl}", maxValue: Math.Max(1, total));
            var runner = new ScenarioRunner(http, arguments.Settings) { OnRun = _ => task.Increment(1) };
            results = await runner.RunAsync(scenarios, arguments.Repeat, cancellationToken);
            task.Value = task.MaxValue;
        });

        foreach (var card in results.SelectMany(r => r.Scorecards))
        {
            Console.WriteLine(MarkdownReport.Scorecard(card));
        }

        var table = new Table().AddColumns("scenario", "result", "score", "pass rate", "entry points");
        foreach (var r in results)
        {
            var word = r.Skipped is not null ? $"[grey]skipped: {Markup.Escape(r.Skipped)}[/]" : r.Fatal ? "[red]FATAL[/]" : r.Passed ? "[green]passed[/]" : "[red]failed[/]";
            table.AddRow(Markup.Escape(r.Scenario), word, r.Score.ToString("0.#", CultureInfo.InvariantCulture), r.PassRate.ToString("P0", CultureInfo.InvariantCulture), string.Join(", ", r.Scorecards.Select(s => s.Channel).Distinct()));
        }

        AnsiConsole.Write(table);
        foreach (var r in results.Where(r => !r.Passed))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{r.Scenario}[/]");
            foreach (var problem in r.Problems)
            {
                AnsiConsole.MarkupLineInterpolated($"  {problem}");
            }
        }

        IReadOnlyList<string>? changes = null;
        if (arguments.Baseline is { } baseline)
        {
            changes = BaselineComparison.Compare(await ResultsFile.ReadAsync(baseline, cancellationToken), [.. results.Select(ResultSummary.Of)]);
            AnsiConsole.MarkupLineInterpolated($"Since {baseline}: {(changes.Count == 0 ? "nothing changed" : string.Empty)}");
            foreach (var change in changes)
            {
                AnsiConsole.MarkupLineInterpolated($"  {change}");
            }
        }

        Directory.CreateDirectory(arguments.Out);
        await ResultsFile.WriteAsync(Path.Combine(arguments.Out, "results.json"), results, cancellationToken);
        JUnitReport.Build(results).Save(Path.Combine(arguments.Out, "junit.xml"));
        await File.WriteAllTextAsync(Path.Combine(arguments.Out, "summary.md"), MarkdownReport.Build(results, changes), cancellationToken);
        var ran = results.Where(r => r.Skipped is null).ToList();
        AnsiConsole.MarkupLineInterpolated($"scenarios: {ran.Count(r => r.Passed)} passed, {ran.Count(r => !r.Passed)} failed, {results.Count - ran.Count} skipped; reports in {arguments.Out}");
        return ran.All(r => r.Passed) ? 0 : 1;
    }

    private async Task<int> FromCallAsync(HttpClient http, string callId, CancellationToken cancellationToken)
    {
        var replayer = new CallReplayer(http, arguments.Settings);
        var export = await replayer.ExportAsync(callId, cancellationToken);
        Directory.CreateDirectory(arguments.Out);
        var exportPath = Path.Combine(arguments.Out, $"{callId}.json");
        await File.WriteAllTextAsync(exportPath, System.Text.Json.JsonSerializer.Serialize(export, ScenarioLoader.Json), cancellationToken);
        var yaml = ScenarioFromCall.ToYaml(CallReplayer.ScenarioOf(export, arguments.Settings.Crm, arguments.Caller));
        var scenarioPath = Path.Combine(arguments.Out, $"replay-{callId}.yaml");
        await File.WriteAllTextAsync(scenarioPath, yaml, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"{export.Requests.Count} requests and {export.Writes.Count} writes ({export.WritesSource}) → {scenarioPath}; export kept as {exportPath} for --replay {arguments.Out}");
        return 0;
    }

    private async Task<int> ReplayAsync(HttpClient http, string folder, CancellationToken cancellationToken)
    {
        var replayer = new CallReplayer(http, arguments.Settings);
        var changed = 0;
        foreach (var export in CallReplayer.ReadFolder(folder))
        {
            var result = await replayer.ReplayAsync(export, arguments.Caller, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"{(result.Same ? "[green]same[/]" : "[red]differs[/]")} {export.CallId} (replayed as {result.Scorecard.CallId})");
            foreach (var difference in result.Differences)
            {
                AnsiConsole.MarkupLineInterpolated($"  {difference}");
            }

            changed += result.Same ? 0 : 1;
        }

        return changed == 0 ? 0 : 1;
    }
}
