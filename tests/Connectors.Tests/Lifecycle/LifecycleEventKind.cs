namespace Connectors.Tests.Lifecycle;

/// <summary>What one step of a generated call lifecycle does (a request, or a silence on the host's clock).</summary>
public enum LifecycleEventKind
{
    /// <summary>Opens the call (every lifecycle starts with one; a later one is a duplicated event).</summary>
    Connect,

    /// <summary>The account read for <c>balance</c> (knowledge gate).</summary>
    ReadBalance,

    /// <summary>The account read for <c>payment</c> (possession gate).</summary>
    ReadPayment,

    /// <summary>The knowledge check with the customer's own last four and ZIP.</summary>
    KnowledgeGood,

    /// <summary>The knowledge check with a wrong ZIP.</summary>
    KnowledgeBad,

    /// <summary>A one-time passcode by SMS to the mobile on file.</summary>
    OtpSend,

    /// <summary>The passcode the caller last received (a wrong one when none was sent).</summary>
    OtpVerifyGood,

    /// <summary>A passcode that was never sent.</summary>
    OtpVerifyBad,

    /// <summary>A baton turn with an intent.</summary>
    Say,

    /// <summary>A baton turn in which the caller reads out a full card number.</summary>
    SayCard,

    /// <summary>The warm transfer.</summary>
    Transfer,

    /// <summary>The human agent answered.</summary>
    Answered,

    /// <summary>The platform's end, the AI handled the call.</summary>
    End,

    /// <summary>The platform's end of a call a human took (the wrap-up waits for the human's confirmation).</summary>
    EndHumanTookCall,

    /// <summary>The human's disposition (always through the JSON API: it comes from the agent's desktop).</summary>
    Disposition,

    /// <summary>Nothing happens for a short while (well under AbandonAfter).</summary>
    ShortSilence,

    /// <summary>Nothing happens for just under AbandonAfter.</summary>
    SilenceJustUnderAbandonAfter,

    /// <summary>Nothing happens for just over AbandonAfter.</summary>
    SilenceJustOverAbandonAfter,
}
