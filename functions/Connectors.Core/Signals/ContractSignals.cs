namespace Connectors.Core.Signals;

/// <summary>
/// The answer of <c>GET /api/signals</c>: the contract's signals over a range, each under the
/// <see cref="Observability.MetricNames"/> name the Azure workbook charts, so the page, the digest and the workbook
/// speak of the same thing. Its parts sit below: they exist only as parts of this answer.
/// </summary>
public sealed record ContractSignals
{
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required ScanCost Cost { get; init; }

    public required DispositionSignal Dispositions { get; init; }

    public required ParkedSignal Parked { get; init; }

    public required LookupSignal Lookup { get; init; }

    public required AuthSignal Auth { get; init; }

    public required EditSignal Edits { get; init; }

    public required BatonSignal Batons { get; init; }

    public required ReExplainSignal ReExplain { get; init; }

    /// <summary>Outcome codes of the recorded dispositions and how many of each (the digest's "outcomes by code").</summary>
    public required IReadOnlyDictionary<string, int> Outcomes { get; init; }

    /// <summary>The disputed amounts the calls' batons carried, summed.</summary>
    public required decimal DisputedAmountTotal { get; init; }

    /// <summary>Per UTC day of the range: what the page charts over time.</summary>
    public required IReadOnlyList<DaySignals> Days { get; init; }

    /// <summary>Each signal against its threshold; <see cref="SignalCheck.Out"/> when it is outside.</summary>
    public required IReadOnlyList<SignalCheck> Checks { get; init; }
}

/// <summary>What the scan read: index partitions (one per day), calls, and point reads; <see cref="Truncated"/> when <see cref="SignalOptions.MaxCalls"/> cut it short.</summary>
public sealed record ScanCost(int Days, int Calls, int PointReads, bool Truncated);

/// <summary>Dispositions per completed call (exactly 1.0: above is duplicates, below is voids), overall and per CRM.</summary>
public sealed record DispositionSignal(
    string Metric,
    int EndedCalls,
    int CompletedCalls,
    int Dispositions,
    double? PerCompletedCall,
    int InFlight,
    IReadOnlyList<CrmDispositions> ByCrm,
    IReadOnlyList<string> Duplicates,
    IReadOnlyList<string> Voids);

/// <summary>One CRM's share of <see cref="DispositionSignal"/>.</summary>
public sealed record CrmDispositions(string Crm, int CompletedCalls, int Dispositions, double? PerCompletedCall);

/// <summary>Wrap-ups parked for replay (all of them, whatever the range), oldest first.</summary>
public sealed record ParkedSignal(string Metric, int Count, double? OldestAgeMinutes, IReadOnlyList<ParkedItem> Items);

/// <summary>One parked wrap-up and how to replay it.</summary>
public sealed record ParkedItem(string CallId, string Step, string Reason, string? LastError, DateTimeOffset ParkedAt, double AgeMinutes, string Replay);

/// <summary>CRM lookup latency as the call saw it (requested to answered, from the session's events) against the turn budget; the share of account reads answered from the prefetch rather than degraded.</summary>
public sealed record LookupSignal(string Metric, int Lookups, double? P50Ms, double? P99Ms, double TurnBudgetMs, int ReadsAnswered, int ReadsDegraded, double? PrefetchShare);

/// <summary>Pass rate by method: of the calls that tried a method, those that passed and those that ended locked out.</summary>
public sealed record AuthSignal(string Metric, IReadOnlyList<MethodPassRate> Methods);

/// <summary>One method's sessions, passes and lock-outs.</summary>
public sealed record MethodPassRate(string Method, int Calls, int Passed, int EndedLockedOut, double? PassRate);

/// <summary>How often the human changed the AI's draft before confirming; near zero is rubber-stamping.</summary>
public sealed record EditSignal(string Metric, int HumanConfirmations, int Edited, double? EditRate, bool RubberStampWarning);

/// <summary>Transfers whose baton carried account, level, intent and transcript.</summary>
public sealed record BatonSignal(string Metric, int Transfers, int Complete, double? Completeness);

/// <summary>Of the transfers agents gave feedback on, those where the caller had to explain again.</summary>
public sealed record ReExplainSignal(int Feedback, int ReExplained, double? Rate);

/// <summary>One UTC day of the range.</summary>
public sealed record DaySignals(DateOnly Day, int CompletedCalls, int Dispositions, double? PerCompletedCall, double? LookupP99Ms, double? EditRate, double? PassRate);

/// <summary>One signal against its threshold.</summary>
public sealed record SignalCheck(string Signal, double? Value, string Threshold, bool Out);
