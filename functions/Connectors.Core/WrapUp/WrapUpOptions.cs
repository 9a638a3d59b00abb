using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The wrap-up: the outcome codes a disposition may carry, how long a human has to confirm the draft,
/// the retry policy of every CRM step, and when a call that never ended counts as abandoned.
/// </summary>
public sealed class WrapUpOptions : IValidatableObject
{
    public const string SectionName = "WrapUp";

    /// <summary>
    /// The outcome codes a disposition may carry (a draft picks one; a human may choose any). Default
    /// BILLING_DISPUTE_CREDIT, BALANCE_ENQUIRY, ADDRESS_CHANGE, GENERAL_ENQUIRY, ABANDONED, TRANSFERRED_UNRESOLVED.
    /// </summary>
    public List<string> OutcomeCodes { get; set; } = [];

    /// <summary>
    /// Caller intents (as the baton names them, e.g. <c>billing-dispute</c>) mapped to the outcome code a draft
    /// gives them; an intent not listed drafts <see cref="DefaultCode"/>. Default: billing-dispute, balance, address-change.
    /// </summary>
    public Dictionary<string, string> IntentCodes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The code a draft gives a call with no known intent. Default GENERAL_ENQUIRY.</summary>
    [Required]
    public string DefaultCode { get; set; } = "GENERAL_ENQUIRY";

    /// <summary>The code of a call that never sent "end" within <see cref="AbandonAfter"/>. Default ABANDONED.</summary>
    [Required]
    public string AbandonedCode { get; set; } = "ABANDONED";

    /// <summary>The code of a call a human took over with no intent resolved. Default TRANSFERRED_UNRESOLVED.</summary>
    [Required]
    public string TransferredCode { get; set; } = "TRANSFERRED_UNRESOLVED";

    /// <summary>How long a human has to confirm or edit the draft before it is committed unconfirmed. Default 00:02:00.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "1.00:00:00")]
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts of one CRM step, the first included, before the wrap-up is parked. Default 8.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the first retry of a step; at least a second, as durable timers have whole-second grain. Default 00:00:02.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Growth of the wait between retries. Default 2.</summary>
    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; set; } = 2;

    /// <summary>Cap on the wait between retries. Default 00:01:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Total deadline of one step's retries; past it the wrap-up is parked. Default 00:10:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetryDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a parked wrap-up waits for a replay before its run starts a fresh history (re-parked, waiting again), so
    /// the history stays small however long it stays parked. Default 1.00:00:00.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "30.00:00:00")]
    public TimeSpan ReplayWait { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A call with no "end" and nothing happening for this long is wrapped up as <see cref="AbandonedCode"/>. Default 00:30:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often LocalHost's sweeper looks for abandoned calls (the Functions app's timer has its own schedule). Default 00:01:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var codes = EffectiveCodes;
        foreach (var (name, code) in new[] { (nameof(DefaultCode), DefaultCode), (nameof(AbandonedCode), AbandonedCode), (nameof(TransferredCode), TransferredCode) })
        {
            if (!codes.Contains(code))
            {
                yield return new ValidationResult($"{name} '{code}' is not one of the OutcomeCodes.", [name]);
            }
        }

        foreach (var (intent, code) in EffectiveIntentCodes)
        {
            if (!codes.Contains(code))
            {
                yield return new ValidationResult($"IntentCodes:{intent} '{code}' is not one of the OutcomeCodes.", [nameof(IntentCodes)]);
            }
        }

        if (MaxRetryInterval < FirstRetryInterval || RetryDeadline < FirstRetryInterval)
        {
            yield return new ValidationResult("MaxRetryInterval and RetryDeadline are at least FirstRetryInterval.", [nameof(MaxRetryInterval), nameof(RetryDeadline)]);
        }
    }

    /// <summary>The configured codes, or the defaults when none are configured (binding appends to a list, so the defaults live here).</summary>
    public IReadOnlySet<string> EffectiveCodes => OutcomeCodes.Count > 0
        ? new HashSet<string>(OutcomeCodes, StringComparer.Ordinal)
        : new HashSet<string>(["BILLING_DISPUTE_CREDIT", "BALANCE_ENQUIRY", "ADDRESS_CHANGE", "GENERAL_ENQUIRY", "ABANDONED", "TRANSFERRED_UNRESOLVED"], StringComparer.Ordinal);

    /// <summary>The configured intent map, or the defaults when none is configured.</summary>
    public IReadOnlyDictionary<string, string> EffectiveIntentCodes => IntentCodes.Count > 0
        ? IntentCodes
        : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["billing-dispute"] = "BILLING_DISPUTE_CREDIT",
            ["balance"] = "BALANCE_ENQUIRY",
            ["address-change"] = "ADDRESS_CHANGE",
        };
}
