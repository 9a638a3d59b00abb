using System.Collections.Concurrent;

namespace Connectors.Simulators.Faults;

/// <summary>
/// Faults for the next requests, in order, ahead of the <see cref="FaultInjector"/>'s random draw: "throttle
/// the next request, then behave" is a test that cannot flake.
/// </summary>
public sealed class FaultScript
{
    private readonly ConcurrentQueue<FaultKind> _next = new();

    public void Enqueue(FaultKind kind, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _next.Enqueue(kind);
        }
    }

    public bool TryTake(out FaultKind kind) => _next.TryDequeue(out kind);

    public void Clear() => _next.Clear();
}
