using System.Globalization;
using Connectors.Core.Auth;
using Microsoft.Extensions.Options;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Drafts the disposition from what the call did (step 2), and judges a human's answer to it. Pure:
/// the same facts always draft the same disposition, so the step is safe to run again.
/// </summary>
public sealed class DispositionDrafter
{
    public const int MaxSummaryLength = 2_000;

    private readonly IOptionsMonitor<WrapUpOptions> _options;

    public DispositionDrafter(IOptionsMonitor<WrapUpOptions> options)
    {
        _options = options;
    }

    public DispositionDraft Draft(CallFacts facts, string trigger, bool humanTookCall)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var o = _options.CurrentValue;
        var intentCode = facts.Conversation.Intent is { } intent && o.EffectiveIntentCodes.TryGetValue(intent, out var mapped) ? mapped : null;
        var code = trigger == WrapUpInput.Abandoned ? o.AbandonedCode
            : intentCode is not null ? intentCode
            : humanTookCall ? o.TransferredCode
            : facts.EventKinds.Contains("account-read") && facts.AccountId is not null && o.EffectiveCodes.Contains("BALANCE_ENQUIRY") ? "BALANCE_ENQUIRY"
            : o.DefaultCode;
        var verified = facts.VerificationLevel > AssuranceLevel.None ? facts.AccountId : null;
        var followUp = code == o.AbandonedCode || code == o.TransferredCode || facts.Conversation.Amounts.Count > 0 && code != "BALANCE_ENQUIRY";
        return new DispositionDraft
        {
            OutcomeCode = code,
            Summary = Summary(facts, code, trigger),
            FollowUp = followUp,
            AccountId = verified,
            Amounts = facts.Conversation.Amounts,
            VerificationLevel = facts.VerificationLevel,
        };
    }

    /// <summary>The committed disposition after a human answered: confirmed when it changes nothing, edited otherwise.</summary>
    public static DispositionDraft Apply(DispositionDraft draft, HumanDisposition human)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(human);
        var code = string.IsNullOrWhiteSpace(human.OutcomeCode) ? draft.OutcomeCode : human.OutcomeCode.Trim();
        var summary = string.IsNullOrWhiteSpace(human.Summary) ? draft.Summary : human.Summary.Trim();
        var followUp = human.FollowUp ?? draft.FollowUp;
        var changed = code != draft.OutcomeCode || summary != draft.Summary || followUp != draft.FollowUp;
        return draft with
        {
            OutcomeCode = code,
            Summary = summary,
            FollowUp = followUp,
            Confirmation = changed ? DispositionDraft.Edited : DispositionDraft.Confirmed,
        };
    }

    /// <summary>Null when <paramref name="human"/> is acceptable; otherwise what to fix.</summary>
    public string? Problem(HumanDisposition human)
    {
        ArgumentNullException.ThrowIfNull(human);
        var codes = _options.CurrentValue.EffectiveCodes;
        if (human.OutcomeCode is { } code && !codes.Contains(code.Trim()))
        {
            return $"'outcomeCode' must be one of: {string.Join(", ", codes.Order(StringComparer.Ordinal))}.";
        }

        return human.Summary is { Length: > MaxSummaryLength } ? $"'summary' is at most {MaxSummaryLength} characters." : null;
    }

    private static string Summary(CallFacts facts, string code, string trigger)
    {
        var parts = new List<string>
        {
            trigger == WrapUpInput.Abandoned ? "Call abandoned (no end received)." : "Call ended.",
            string.Create(CultureInfo.InvariantCulture, $"Outcome {code}; verification {facts.VerificationLevel}; {facts.EventCount} events."),
        };
        if (facts.Conversation.Intent is { } intent)
        {
            parts.Add($"Intent: {intent}.");
        }

        if (facts.Conversation.Amounts.Count > 0)
        {
            parts.Add($"Amounts: {string.Join(", ", facts.Conversation.Amounts)}.");
        }

        return string.Join(' ', parts);
    }
}
