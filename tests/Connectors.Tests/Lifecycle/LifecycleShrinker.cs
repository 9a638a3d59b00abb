using Connectors.Core.Crm;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// Shrinks a failing lifecycle to the smallest one that still fails the same way, deterministically: drop one step at a time,
/// then a retry, then the CRM faults, then the platform (to the JSON API) and the CRM (to Salesforce); keep each
/// change that still breaks the same invariant, until none does or the budget of reruns is spent (each rerun is a real
/// call through the hosts, so the budget bounds the test's time on failure).
/// </summary>
public static class LifecycleShrinker
{
    public static async Task<(Lifecycle Smallest, LifecycleRun Run, IReadOnlyList<string> Violations)> ShrinkAsync(
        Lifecycle failing, LifecycleRun failingRun, IReadOnlyList<string> violations, Func<Lifecycle, Task<LifecycleRun>> rerun, int maxReruns)
    {
        ArgumentNullException.ThrowIfNull(failing);
        ArgumentNullException.ThrowIfNull(rerun);
        var smallest = (Lifecycle: failing, Run: failingRun, Violations: violations);
        var kinds = violations.Select(LifecycleInvariants.KindOf).ToHashSet(StringComparer.Ordinal);
        var reruns = 0;
        var shrunk = true;
        while (shrunk && reruns < maxReruns)
        {
            shrunk = false;
            foreach (var candidate in Smaller(smallest.Lifecycle))
            {
                if (reruns++ >= maxReruns)
                {
                    break;
                }

                var run = await rerun(candidate);
                // Only the same break counts: a smaller call that fails some other way (a slow machine's timeout) is another finding.
                var broken = LifecycleInvariants.Violations(run);
                if (broken.Any(b => kinds.Contains(LifecycleInvariants.KindOf(b))))
                {
                    smallest = (candidate, run, broken);
                    shrunk = true;
                    break;
                }
            }
        }

        return smallest;
    }

    /// <summary>Every one-change-smaller lifecycle, smallest changes first, each once.</summary>
    public static IEnumerable<Lifecycle> Smaller(Lifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        var seen = new HashSet<string>(StringComparer.Ordinal) { lifecycle.ToString() };
        foreach (var candidate in Candidates(lifecycle))
        {
            if (seen.Add(candidate.ToString()))
            {
                yield return candidate;
            }
        }
    }

    private static IEnumerable<Lifecycle> Candidates(Lifecycle l)
    {
        for (var i = 0; i < l.Steps.Count; i++)
        {
            yield return l with { Steps = [.. l.Steps.Take(i), .. l.Steps.Skip(i + 1)] };
        }

        for (var i = 0; i < l.Steps.Count; i++)
        {
            if (l.Steps[i].Retry)
            {
                yield return l with { Steps = [.. l.Steps.Take(i), l.Steps[i] with { Retry = false }, .. l.Steps.Skip(i + 1)] };
            }
        }

        if (l.Fault != CrmFault.None)
        {
            yield return l with { Fault = CrmFault.None };
        }

        if (l.Channel != Lifecycle.Api)
        {
            yield return l with
            {
                Channel = Lifecycle.Api,
                Steps = [.. l.Steps.Select(s => s with { Retry = s.Retry && LifecycleGenerator.IsRetryable(Lifecycle.Api, s.Kind) })],
            };
        }

        if (l.Crm != CrmKind.Salesforce)
        {
            yield return l with { Crm = CrmKind.Salesforce };
        }
    }
}
