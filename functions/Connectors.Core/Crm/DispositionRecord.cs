namespace Connectors.Core.Crm;

/// <summary>
/// The call's wrap-up as written to the CRM. <see cref="CallKey"/> + <see cref="WriteName"/> is the
/// idempotency key (see <see cref="IdempotencyKey"/>): one record per call and write, however often it is sent.
/// <see cref="Summary"/> must already be redacted.
/// </summary>
public sealed record DispositionRecord
{
    public required string CallKey { get; init; }

    /// <summary>The logical write, e.g. <c>disposition</c>.</summary>
    public string WriteName { get; init; } = "disposition";

    /// <summary>The business outcome code, e.g. <c>resolved</c>, <c>payment-taken</c>, <c>transferred</c>.</summary>
    public required string OutcomeCode { get; init; }

    public required string Summary { get; init; }

    /// <summary>The verified account, when there is one.</summary>
    public string? AccountId { get; init; }

    public string? ContactId { get; init; }

    public string? CallerE164 { get; init; }

    public required DateTimeOffset CallStartedAt { get; init; }

    public int? DurationSeconds { get; init; }

    /// <summary>
    /// An interim write (the warm transfer's, while the call goes on): where a CRM keeps one record per call, it lands on
    /// that record but never overrides what the final disposition says (status, subject, outcome). Default false.
    /// </summary>
    public bool Interim { get; init; }

    /// <summary>Subject line for the record; defaults per CRM when null.</summary>
    public string? Subject { get; init; }
}
