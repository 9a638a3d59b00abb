using System.Globalization;

namespace Connectors.Benchmarks;

/// <summary>
/// Where a run's calls stand, counted from the Salesforce simulator's own records (only those keyed by the run's own
/// calls) and the parked list: recorded (one record or more), parked (no record, parked), in flight (no record, the
/// wrap-up still live), duplicates (records past the first, per call) and voids (no record and no live or parked wrap-up).
/// </summary>
internal sealed record WrapUpCounts(int Recorded, int Parked, int InFlight, int Duplicates, int Voids)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"recorded {Recorded}, parked {Parked}, in flight {InFlight}, duplicates {Duplicates}, voids {Voids}");
}
