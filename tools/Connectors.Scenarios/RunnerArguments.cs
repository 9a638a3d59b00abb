using System.Globalization;
using Connectors.Scenarios.Model;
using Connectors.Scenarios.Running;

namespace Connectors.Scenarios;

/// <summary>The command line of <c>scripts/scenarios.sh</c> (see <see cref="Usage"/>).</summary>
public sealed record RunnerArguments
{
    public const string Usage = """
        scripts/scenarios.sh [folder|file] [options]      run scenarios (default: scenarios/)
          --validate                    check the files against scenarios/scenario.schema.json; run nothing
          --repeat N                    run each scenario N times; report its pass rate
          --baseline <results.json>     list what changed since an earlier run
          --from-call <callId>          export a call and write it as a scenario (and its export, for --replay)
          --replay <folder>             re-run the exported calls of a folder in dry run; print each ledger diff
          --caller lastFour=..,billingZip=..   the caller's answers a replay gives (exports never hold them)
          --base-url <url> --key <key>  the host (default http://127.0.0.1:7071, CONNECTORS_URL / CONNECTORS_KEY)
          --crm salesforce|zendesk      the CRM the host runs (default salesforce)
          --sim <name>=<url>            a simulator: twilio (passcodes), salesforce / zendesk (faults)
          --twilio-token, --twilio-public-url, --webhook-sender, --webhook-secret   the channels' signing settings
          --out <folder>                where results.json, junit.xml and summary.md go (default artifacts/scenarios)
          --parallel N                  scenarios at once (default 4)
        """;

    public string Path { get; init; } = "scenarios";

    public bool Validate { get; init; }

    public int Repeat { get; init; } = 1;

    public string? Baseline { get; init; }

    public string? FromCall { get; init; }

    public string? Replay { get; init; }

    public Caller? Caller { get; init; }

    public string Out { get; init; } = "artifacts/scenarios";

    public required RunnerSettings Settings { get; init; }

    public static RunnerArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new RunnerSettings
        {
            BaseUrl = new Uri((Environment.GetEnvironmentVariable("CONNECTORS_URL") ?? "http://127.0.0.1:7071").TrimEnd('/') + "/"),
            Key = Environment.GetEnvironmentVariable("CONNECTORS_KEY"),
        };
        var sims = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        var parsed = new RunnerArguments { Settings = settings };
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--validate": parsed = parsed with { Validate = true }; break;
                case "--repeat": parsed = parsed with { Repeat = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--baseline": parsed = parsed with { Baseline = Next() }; break;
                case "--from-call": parsed = parsed with { FromCall = Next() }; break;
                case "--replay": parsed = parsed with { Replay = Next() }; break;
                case "--out": parsed = parsed with { Out = Next() }; break;
                case "--caller":
                    var answers = Next().Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
                    parsed = parsed with { Caller = new Caller { LastFour = answers.GetValueOrDefault("lastFour"), BillingZip = answers.GetValueOrDefault("billingZip"), DateOfBirth = answers.GetValueOrDefault("dateOfBirth") } };
                    break;
                case "--base-url": settings = settings with { BaseUrl = new Uri(Next().TrimEnd('/') + "/") }; break;
                case "--key": settings = settings with { Key = Next() }; break;
                case "--crm": settings = settings with { Crm = Next().ToLowerInvariant() }; break;
                case "--parallel": settings = settings with { Parallelism = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--twilio-token": settings = settings with { TwilioAuthToken = Next() }; break;
                case "--twilio-public-url": settings = settings with { TwilioPublicBaseUrl = new Uri(Next()) }; break;
                case "--webhook-sender": settings = settings with { WebhookSender = Next() }; break;
                case "--webhook-secret": settings = settings with { WebhookSecret = Next() }; break;
                case "--sim":
                    var pair = Next().Split('=', 2);
                    sims[pair[0]] = new Uri(pair[1].TrimEnd('/') + "/");
                    break;
                case "-h" or "--help": throw new ArgumentException(Usage);
                default:
                    parsed = args[i].StartsWith("--", StringComparison.Ordinal) ? throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}") : parsed with { Path = args[i] };
                    break;
            }
        }

        return parsed with { Settings = settings with { Simulators = sims } };
    }
}
