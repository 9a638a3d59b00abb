using Microsoft.AspNetCore.Http;

namespace Connectors.Simulators.Faults;

/// <summary>The per-request fault step the messaging simulators share: script first, then the injector, then the latency.</summary>
public static class SimulatedFault
{
    public static async Task<FaultDecision> DecideAsync(FaultScript script, FaultInjector injector, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(injector);
        ArgumentNullException.ThrowIfNull(context);
        var decision = script.TryTake(out var kind) ? new FaultDecision(kind, TimeSpan.Zero) : injector.Next(isWrite: true);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, context.RequestAborted);
        }

        return decision;
    }

    /// <summary>After committing, answer only once the client has long given up (or gone).</summary>
    public static async Task AnswerLateAsync(FaultInjector injector, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(injector);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await Task.Delay(injector.Profile.LateAnswerDelay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client hung up, as it was meant to; the write stays committed.
        }
    }
}
