using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Calls;

/// <summary>
/// The screen-pop and account reads: how numbers are read, and the turn budget every read answers
/// within whatever the CRM is doing.
/// </summary>
public sealed class CallsOptions : IValidatableObject
{
    public const string SectionName = "Calls";

    /// <summary>Country calling code for numbers that arrive without one (national format). Default "1".</summary>
    [Required]
    [RegularExpression("^[1-9][0-9]{0,2}$")]
    public string DefaultCountryCode { get; set; } = "1";

    /// <summary>The longest a read (or an account selection) may take to answer: one conversational turn. Default 00:00:00.800.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan TurnBudget { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// Share of <see cref="TurnBudget"/> a read may spend waiting for a running lookup before it answers
    /// "pending"; the rest is kept for the state store and the answer. Default 0.6.
    /// </summary>
    [Range(0.05, 0.9)]
    public double PrefetchWaitShare { get; set; } = 0.6;

    /// <summary>How often a waiting read looks at the session again when no in-process signal wakes it (another instance ran the lookup). Default 00:00:00.050.</summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:01")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A snapshot older than this is still served, "as of" its fetch time, and refreshed in the background. Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SnapshotMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Least time between two background refreshes of one call's snapshot, so a down CRM is not asked on every read. Default 00:00:10.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A lookup still pending this long after it was asked for is overdue: reads answer "degrade"
    /// (reason <c>crm-slow</c>) instead of "pending", and the request is queued again. Default 00:00:06.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LookupOverdueAfter { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// A CRM read of the prefetch still unanswered after this long gets a second, identical read beside
    /// it, and the first answer wins: a slow tail (p99 several times the median) then rarely delays a
    /// screen-pop. Reads only; never writes. Zero turns hedging off. Default 00:00:00.800.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan LookupHedgeAfter { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The time a read may wait for a running lookup.</summary>
    public TimeSpan PrefetchWait => TurnBudget * PrefetchWaitShare;

    /// <summary>
    /// Account numbers one call may ask to look up (POST .../account/select) before selection closes for the call: each
    /// new number counts, found or not, so naming an account one knows buys no extra guesses. Default 3.
    /// </summary>
    [Range(1, 20)]
    public int MaxSelectionsPerCall { get; set; } = 3;

    /// <summary>Account numbers asked for from one caller number, across calls, within <see cref="SelectionLockoutWindow"/>. Default 5.</summary>
    [Range(1, 100)]
    public int MaxSelectionsPerCaller { get; set; } = 5;

    /// <summary>How long a caller number's selections count (and its lockout lasts). Default 01:00:00.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SelectionLockoutWindow { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval >= PrefetchWait)
        {
            yield return new ValidationResult(
                $"Calls:PollInterval ({PollInterval}) must be shorter than the wait it polls within (TurnBudget × PrefetchWaitShare = {PrefetchWait}).",
                [nameof(PollInterval)]);
        }
    }
}
