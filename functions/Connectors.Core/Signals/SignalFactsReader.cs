using System.Collections.Concurrent;
using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Connectors.Core.WrapUp;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Signals;

/// <summary>
/// Reads what the signals need from the tables, bounded: one partition query of <see cref="EndedCallIndex"/> per UTC
/// day of the range, one of the parked list, then per call (at most <see cref="SignalOptions.MaxCalls"/>) a point
/// read of the session and the baton, a partition query of its feedback, and the wrap-up's status from the engine
/// (a point read of its instance row). Cost: days + 1 queries and 4 reads per call, eight calls at a time.
/// </summary>
public sealed class SignalFactsReader
{
    private const int Parallelism = 8;
    private const int ReadsPerCall = 5;

    private readonly EndedCallIndex _index;
    private readonly ICallSessionStore _sessions;
    private readonly BatonStore _batons;
    private readonly ParkedWrapUpStore _parked;
    private readonly WrapUpDispositionStore _dispositions;
    private readonly AgentFeedbackReader _feedback;
    private readonly IOptionsMonitor<SignalOptions> _options;
    private readonly IOptionsMonitor<CallsOptions> _calls;
    private readonly TimeProvider _time;

    public SignalFactsReader(
        EndedCallIndex index,
        ICallSessionStore sessions,
        BatonStore batons,
        ParkedWrapUpStore parked,
        WrapUpDispositionStore dispositions,
        AgentFeedbackReader feedback,
        IOptionsMonitor<SignalOptions> options,
        IOptionsMonitor<CallsOptions> calls,
        TimeProvider time)
    {
        _index = index;
        _sessions = sessions;
        _batons = batons;
        _parked = parked;
        _dispositions = dispositions;
        _feedback = feedback;
        _options = options;
        _calls = calls;
        _time = time;
    }

    /// <summary>The signals of the calls that ended in [<paramref name="from"/>, <paramref name="to"/>); the range must already be checked (<see cref="SignalRange"/>).</summary>
    public async Task<ContractSignals> ComputeAsync(DurableTaskClient client, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var options = _options.CurrentValue;
        var indexed = new List<IndexedCall>();
        var days = 0;
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            days++;
            indexed.AddRange((await _index.ListAsync(day, cancellationToken)).Where(c => c.EndedAt >= from && c.EndedAt < to));
        }

        var truncated = indexed.Count > options.MaxCalls;
        var calls = indexed.OrderBy(c => c.EndedAt).Take(options.MaxCalls).ToList();
        var parked = await _parked.ListAsync(cancellationToken);
        var parkedByCall = parked.ToDictionary(p => p.CallId, StringComparer.Ordinal);
        var facts = new ConcurrentBag<CallSignalFacts>();
        await Parallel.ForEachAsync(
            calls,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (call, ct) => facts.Add(await ReadCallAsync(client, call, parkedByCall.GetValueOrDefault(call.CallId), ct)));

        var cost = new ScanCost(days, calls.Count, calls.Count * ReadsPerCall, truncated);
        return ContractSignalsCalculator.Compute(from, to, [.. facts.OrderBy(f => f.Call.EndedAt)], parked, cost, options, _calls.CurrentValue.TurnBudget, _time.GetUtcNow());
    }

    private async Task<CallSignalFacts> ReadCallAsync(DurableTaskClient client, IndexedCall call, ParkedWrapUp? parked, CancellationToken cancellationToken)
    {
        var session = _sessions.GetAsync(call.CallId, cancellationToken);
        var baton = _batons.GetAsync(call.CallId, cancellationToken);
        var feedback = _feedback.ForCallAsync(call.CallId, cancellationToken);
        var wrapUp = WrapUpEndpoints.StatusAsync(client, _dispositions, call.CallId, cancellationToken);
        await Task.WhenAll(session, baton, feedback, wrapUp);
        var b = await baton;
        return new CallSignalFacts
        {
            Call = call,
            Session = await session,
            TransfersComplete = b?.Transfers.Select(t => t.Complete).ToList() ?? [],
            DisputedAmount = b is null ? 0m : DisputedAmount(b),
            WrapUp = await wrapUp,
            Parked = parked,
            Feedback = await feedback,
        };
    }

    /// <summary>The amounts of a baton about a dispute (its intent, or the amount's label, says so).</summary>
    public static decimal DisputedAmount(Baton.Baton baton)
    {
        ArgumentNullException.ThrowIfNull(baton);
        var aboutDispute = baton.Intent?.Contains("dispute", StringComparison.OrdinalIgnoreCase) ?? false;
        return baton.Amounts.Where(a => aboutDispute || a.Label.Contains("dispute", StringComparison.OrdinalIgnoreCase)).Sum(a => a.Value);
    }
}
