using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// What one lifecycle did and what the system holds for it afterwards: every exchange, the model's view (which gates
/// a good answer was given for, the longest silence), the call's records in its CRM, and where its card number could leak.
/// </summary>
public sealed partial class LifecycleRun(Lifecycle lifecycle, string callId, LifecycleCustomer customer, string cardNumber)
{
    private readonly StringBuilder _log = new();

    public Lifecycle Lifecycle { get; } = lifecycle;

    public string CallId { get; } = callId;

    public LifecycleCustomer Customer { get; } = customer;

    public string CardNumber { get; } = cardNumber;

    public List<LifecycleExchange> Exchanges { get; } = [];

    /// <summary>The longest time, on the host's clock, with no request about the call (the closing silence included).</summary>
    public TimeSpan LongestSilence { get; set; }

    /// <summary>The outcome code of each record the call made in its CRM (every record, whatever write made it).</summary>
    public List<string> RecordOutcomes { get; } = [];

    /// <summary>The last wrap-up state the settle saw.</summary>
    public string? SettledState { get; set; }

    /// <summary>Everything the card number must not be in, by place (answers, tables, simulator records, logs).</summary>
    public Dictionary<string, string> Places { get; } = new(StringComparer.Ordinal);

    public void Note(string line) => _log.Append("# ").AppendLine(line);

    public void Add(LifecycleExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        Exchanges.Add(exchange);
        _log.Append(exchange.Request).AppendLine();
        // The agent link's token is a capability: the replay shows where it was, not what it was.
        var shown = OneTimeToken().Replace(LifecycleInvariants.WithoutOneTimeLinks(exchange.Body), "\"token\":\"<token>\"");
        var body = shown.Length > 400 ? shown[..400] + "…" : shown;
        _log.Append("  -> ").Append(exchange.Status).Append(' ').AppendLine(body);
    }

    /// <summary>The replayable list of requests, with the silences and the settle in between as comments.</summary>
    public string Replay() => _log.ToString();

    [GeneratedRegex("\"token\":\"[^\"]*\"")]
    private static partial Regex OneTimeToken();
}
