using System.Globalization;
using Connectors.Core.Auth;
using Connectors.Core.Calls;
using Connectors.Core.Observability;
using Connectors.Core.WrapUp;

namespace Connectors.Core.Signals;

/// <summary>
/// Turns what the tables hold about the calls of a range into <see cref="ContractSignals"/>. Pure: the reader
/// (<see cref="SignalFactsReader"/>) does the I/O, so every rule here is tested on plain records.
/// </summary>
public static class ContractSignalsCalculator
{
    /// <summary>
    /// A call's dispositions are the CRM upserts its wrap-up journaled (one per completed upsert step): a second one
    /// means the write ran twice. A completed call is one recorded, or a void (ended long enough ago with no
    /// disposition, not parked, not running). Parked and running wrap-ups are neither: they are counted on their own.
    /// </summary>
    public static ContractSignals Compute(
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyList<CallSignalFacts> calls,
        IReadOnlyList<ParkedWrapUp> parked,
        ScanCost cost,
        SignalOptions options,
        TimeSpan turnBudget,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(parked);
        ArgumentNullException.ThrowIfNull(options);
        var judged = calls.Select(c => Judge(c, options, now)).ToList();
        var completed = judged.Where(j => j.Completed).ToList();
        var dispositions = new DispositionSignal(
            MetricNames.WrapUpDispositions,
            judged.Count,
            completed.Count,
            completed.Sum(j => j.Dispositions),
            Ratio(completed.Sum(j => j.Dispositions), completed.Count),
            judged.Count(j => !j.Completed && !j.Parked),
            [.. completed.GroupBy(j => j.Facts.Call.Crm, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CrmDispositions(g.Key, g.Count(), g.Sum(j => j.Dispositions), Ratio(g.Sum(j => j.Dispositions), g.Count())))],
            [.. completed.Where(j => j.Dispositions > 1).Select(j => j.Facts.Call.CallId).Order(StringComparer.Ordinal)],
            [.. completed.Where(j => j.Dispositions == 0).Select(j => j.Facts.Call.CallId).Order(StringComparer.Ordinal)]);

        var parkedItems = parked.OrderBy(p => p.ParkedAt)
            .Select(p => new ParkedItem(p.CallId, p.Step, p.Reason, p.LastError, p.ParkedAt, Math.Round((now - p.ParkedAt).TotalMinutes, 1), $"POST /api/wrapups/{p.CallId}/replay"))
            .ToList();
        var parkedSignal = new ParkedSignal(MetricNames.WrapUpParked, parkedItems.Count, parkedItems.Count == 0 ? null : parkedItems.Max(p => p.AgeMinutes), parkedItems);

        var sessions = calls.Select(c => c.Session).OfType<CallSession>().ToList();
        var durations = sessions.SelectMany(LookupDurations).ToList();
        var answered = sessions.Sum(s => s.Events.Count(e => e.Kind == CallEventKinds.AccountRead));
        var degraded = sessions.Sum(s => s.Events.Count(e => e.Kind == CallEventKinds.ReadDegraded));
        var lookup = new LookupSignal(
            MetricNames.CrmLookupDuration, durations.Count, Percentile(durations, 0.50), Percentile(durations, 0.99), turnBudget.TotalMilliseconds,
            answered, degraded, Ratio(answered, answered + degraded));

        var methods = Enum.GetValues<AuthMethod>().Select(m => PassRate(m, sessions)).Where(m => m.Calls > 0).ToList();
        var humanConfirmed = completed.Where(j => j.Confirmation is DispositionDraft.Confirmed or DispositionDraft.Edited).ToList();
        var edited = humanConfirmed.Count(j => j.Confirmation == DispositionDraft.Edited);
        var editRate = Ratio(edited, humanConfirmed.Count);
        var edits = new EditSignal(MetricNames.WrapUpEdits, humanConfirmed.Count, edited, editRate,
            humanConfirmed.Count >= options.MinimumConfirmations && editRate < options.EditRateWarningBelow);

        var transfers = calls.SelectMany(c => c.TransfersComplete).ToList();
        var batons = new BatonSignal(MetricNames.BatonTransfers, transfers.Count, transfers.Count(t => t), Ratio(transfers.Count(t => t), transfers.Count));
        var feedback = calls.SelectMany(c => c.Feedback).ToList();
        var reExplain = new ReExplainSignal(feedback.Count, feedback.Count(f => f.ReExplained), Ratio(feedback.Count(f => f.ReExplained), feedback.Count));

        var outcomes = completed.Where(j => j.OutcomeCode is not null)
            .GroupBy(j => j.OutcomeCode!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var days = new List<DaySignals>();
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            var ofDay = judged.Where(j => DateOnly.FromDateTime(j.Facts.Call.EndedAt.UtcDateTime) == day).ToList();
            var done = ofDay.Where(j => j.Completed).ToList();
            var confirmed = done.Where(j => j.Confirmation is DispositionDraft.Confirmed or DispositionDraft.Edited).ToList();
            var daySessions = ofDay.Select(j => j.Facts.Session).OfType<CallSession>().ToList();
            var tried = daySessions.Count(s => s.Auth.Attempts.Count > 0);
            days.Add(new DaySignals(
                day,
                done.Count,
                done.Sum(j => j.Dispositions),
                Ratio(done.Sum(j => j.Dispositions), done.Count),
                Percentile(daySessions.SelectMany(LookupDurations).ToList(), 0.99),
                Ratio(confirmed.Count(j => j.Confirmation == DispositionDraft.Edited), confirmed.Count),
                Ratio(daySessions.Count(s => s.Auth.Passes.Count > 0), tried)));
        }

        var signals = new ContractSignals
        {
            From = from,
            To = to,
            Cost = cost,
            Dispositions = dispositions,
            Parked = parkedSignal,
            Lookup = lookup,
            Auth = new AuthSignal(MetricNames.AuthAttempts, methods),
            Edits = edits,
            Batons = batons,
            ReExplain = reExplain,
            Outcomes = outcomes,
            DisputedAmountTotal = calls.Sum(c => c.DisputedAmount),
            Days = days,
            Checks = [],
        };
        return signals with { Checks = Checks(signals, options) };
    }

    /// <summary>Each signal against its threshold, in the order an operator reads them.</summary>
    public static IReadOnlyList<SignalCheck> Checks(ContractSignals signals, SignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        var checks = new List<SignalCheck>
        {
            new("dispositions per completed call", signals.Dispositions.PerCompletedCall, "= 1.0", signals.Dispositions.PerCompletedCall is { } p && Math.Abs(p - 1.0) > 1e-9),
            new("parked wrap-ups", signals.Parked.Count, "= 0", signals.Parked.Count > 0),
            new("CRM lookup p99 (ms)", signals.Lookup.P99Ms, $"<= {Number(signals.Lookup.TurnBudgetMs)} (turn budget)", signals.Lookup.P99Ms > signals.Lookup.TurnBudgetMs),
            new("reads answered from the prefetch", signals.Lookup.PrefetchShare, $">= {Number(options.PrefetchShareWarningBelow)}", signals.Lookup.PrefetchShare < options.PrefetchShareWarningBelow),
        };
        checks.AddRange(signals.Auth.Methods.Select(m =>
            new SignalCheck($"pass rate, {m.Method}", m.PassRate, $">= {Number(options.PassRateWarningBelow)}", m.PassRate < options.PassRateWarningBelow)));
        checks.Add(new("disposition edit rate", signals.Edits.EditRate, $">= {Number(options.EditRateWarningBelow)} (else rubber-stamping)", signals.Edits.RubberStampWarning));
        checks.Add(new("baton completeness", signals.Batons.Completeness, $">= {Number(options.BatonCompletenessWarningBelow)}", signals.Batons.Completeness < options.BatonCompletenessWarningBelow));
        checks.Add(new("re-explain rate", signals.ReExplain.Rate, $"<= {Number(options.ReExplainWarningAbove)}", signals.ReExplain.Rate > options.ReExplainWarningAbove));
        return checks;
    }

    /// <summary>Each lookup's time from request to answer (or failure), in milliseconds, from the session's events.</summary>
    public static IEnumerable<double> LookupDurations(CallSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        DateTimeOffset? requested = null;
        foreach (var e in session.Events)
        {
            if (e.Kind == CallEventKinds.LookupRequested)
            {
                requested ??= e.At;
            }
            else if (e.Kind is CallEventKinds.LookupCompleted or CallEventKinds.FetchFailed && requested is { } at)
            {
                yield return Math.Max(0, (e.At - at).TotalMilliseconds);
                requested = null;
            }
        }
    }

    /// <summary>Nearest-rank percentile; null for no values.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 1);
    }

    private static MethodPassRate PassRate(AuthMethod method, IReadOnlyList<CallSession> sessions)
    {
        var tried = sessions.Select(s => s.Auth.Attempts.Where(a => a.Method == method).ToList()).Where(a => a.Count > 0).ToList();
        var passed = tried.Count(a => a.Any(x => x.Outcome == AuthOutcomes.Passed));
        var lockedOut = tried.Count(a => a.All(x => x.Outcome != AuthOutcomes.Passed) && a.Any(x => x.Outcome == AuthOutcomes.LockedOut));
        return new MethodPassRate(AuthMetrics.MethodTag(method), tried.Count, passed, lockedOut, Ratio(passed, tried.Count));
    }

    private static Judged Judge(CallSignalFacts facts, SignalOptions options, DateTimeOffset now)
    {
        // An amendment after the call was recorded (a late confirmation, the platform's end after an abandoned sweep)
        // updates the same record under the same key: only the upserts up to the first "recorded" count as records.
        var upserts = facts.Session?.Events
            .Where(e => e.Kind == WrapUpSteps.StepEventKind)
            .TakeWhile(e => e.Detail != WrapUpSteps.Recorded)
            .Count(e => e.Detail == WrapUpSteps.Upsert) ?? 0;
        var state = facts.WrapUp?.State;
        var recorded = state == WrapUpResult.Recorded;
        var parked = facts.Parked is not null || state == "parked";
        var running = state is "running" or "waiting-for-human";
        var settled = now - facts.Call.EndedAt >= options.VoidAfter;
        var completed = !parked && (recorded || upserts > 0 || (!running && settled));
        return new Judged(facts, upserts, completed, parked, recorded ? facts.WrapUp?.Draft?.Confirmation : null, recorded ? facts.WrapUp?.Draft?.OutcomeCode : null);
    }

    private static double? Ratio(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed record Judged(CallSignalFacts Facts, int Dispositions, bool Completed, bool Parked, string? Confirmation, string? OutcomeCode);
}
