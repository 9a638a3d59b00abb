using Connectors.Core.Crm;
using CsCheck;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// CsCheck generators of whole call lifecycles. Shorter step lists and earlier choices are "smaller", so a failure
/// shrinks toward the fewest steps on the first channel, CRM and fault that still break it.
/// </summary>
public static class LifecycleGenerator
{
    /// <summary>How often each event is drawn; reads, auth, baton turns and the end dominate, as on a real call.</summary>
    private static readonly (int Weight, LifecycleEventKind Kind)[] Weights =
    [
        (3, LifecycleEventKind.ReadBalance),
        (1, LifecycleEventKind.ReadPayment),
        (3, LifecycleEventKind.KnowledgeGood),
        (2, LifecycleEventKind.KnowledgeBad),
        (2, LifecycleEventKind.OtpSend),
        (2, LifecycleEventKind.OtpVerifyGood),
        (1, LifecycleEventKind.OtpVerifyBad),
        (3, LifecycleEventKind.Say),
        (2, LifecycleEventKind.SayCard),
        (2, LifecycleEventKind.Transfer),
        (2, LifecycleEventKind.Answered),
        (3, LifecycleEventKind.End),
        (2, LifecycleEventKind.EndHumanTookCall),
        (2, LifecycleEventKind.Disposition),
        (1, LifecycleEventKind.Connect),
        (2, LifecycleEventKind.ShortSilence),
        (1, LifecycleEventKind.SilenceJustUnderAbandonAfter),
        (1, LifecycleEventKind.SilenceJustOverAbandonAfter),
    ];

    public const int MaxSteps = 12;

    private static readonly Gen<LifecycleEventKind> Kind = Gen.Frequency(Weights);

    private static readonly Gen<CrmFault> Fault = Gen.Frequency((5, CrmFault.None), (2, CrmFault.Flaky), (1, CrmFault.Outage));

    /// <summary>A whole lifecycle: its channel, its CRM, the CRM's faults and its steps.</summary>
    public static Gen<Lifecycle> Lifecycles { get; } =
        from channel in Gen.OneOf([.. Lifecycle.Channels])
        from crm in Gen.OneOf(CrmKind.Salesforce, CrmKind.Zendesk)
        from fault in Fault
        from steps in Step(channel).List[1, MaxSteps]
        select new Lifecycle(channel, crm, fault, steps);

    private static Gen<LifecycleStep> Step(string channel) =>
        from kind in Kind
        from retry in Gen.Int[0, 3]
        select new LifecycleStep(kind, retry == 0 && IsRetryable(channel, kind));

    /// <summary>
    /// What a retry under the same id means: the webhook and Twilio resend any request with its request id or
    /// idempotency token; the JSON API documents an <c>Idempotency-Key</c> for baton appends, transfers, knowledge
    /// answers and passcode sends and verifies. Amazon Connect's event carries no id of the request (its contact id is
    /// the same for every block of the flow), so a repeated event is a new request, not a retry: only its keyed baton
    /// appends and transfers are retried here. A silence and the human's disposition (no id) are never retried.
    /// </summary>
    public static bool IsRetryable(string channel, LifecycleEventKind kind) => kind switch
    {
        LifecycleEventKind.ShortSilence or LifecycleEventKind.SilenceJustUnderAbandonAfter or LifecycleEventKind.SilenceJustOverAbandonAfter => false,
        LifecycleEventKind.Disposition => false,
        LifecycleEventKind.Say or LifecycleEventKind.SayCard or LifecycleEventKind.Transfer => true,
        _ when channel == Lifecycle.Api => kind is LifecycleEventKind.KnowledgeGood or LifecycleEventKind.KnowledgeBad
            or LifecycleEventKind.OtpSend or LifecycleEventKind.OtpVerifyGood or LifecycleEventKind.OtpVerifyBad,
        _ => channel != "amazon-connect",
    };
}
