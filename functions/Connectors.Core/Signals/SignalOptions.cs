using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Signals;

/// <summary>The contract signals (<c>GET /api/signals</c>, the page, the daily digest): how far one request may scan, and the thresholds a signal is flagged against.</summary>
public sealed class SignalOptions
{
    public const string SectionName = "Signals";

    /// <summary>The longest range one request may ask for; the scan reads one index partition per day. Default 31.00:00:00.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "366.00:00:00")]
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(31);

    /// <summary>The most calls one request reads (four point reads each); past it the answer says it was truncated. Default 5000.</summary>
    [Range(1, 100_000)]
    public int MaxCalls { get; set; } = 5000;

    /// <summary>An ended call with no disposition, not parked and not running, counts as a void once it ended this long ago. Default 01:00:00.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan VoidAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Below this edit rate (with at least <see cref="MinimumConfirmations"/> human confirmations) the drafts look rubber-stamped. Default 0.02.</summary>
    [Range(0.0, 1.0)]
    public double EditRateWarningBelow { get; set; } = 0.02;

    /// <summary>How many human confirmations the edit-rate warning needs before it speaks. Default 20.</summary>
    [Range(1, 100_000)]
    public int MinimumConfirmations { get; set; } = 20;

    /// <summary>A method whose pass rate falls below this is flagged. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double PassRateWarningBelow { get; set; } = 0.5;

    /// <summary>Baton completeness below this is flagged. Default 0.9.</summary>
    [Range(0.0, 1.0)]
    public double BatonCompletenessWarningBelow { get; set; } = 0.9;

    /// <summary>A re-explain rate above this is flagged. Default 0.1.</summary>
    [Range(0.0, 1.0)]
    public double ReExplainWarningAbove { get; set; } = 0.1;

    /// <summary>The share of reads answered from the prefetch below which it is flagged. Default 0.9.</summary>
    [Range(0.0, 1.0)]
    public double PrefetchShareWarningBelow { get; set; } = 0.9;
}
