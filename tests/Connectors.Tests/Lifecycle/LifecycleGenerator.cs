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

    /// <summary>A lifecycle with none of <see cref="KnownGaps"/>' events in it.</summary>
    public static Gen<Lifecycle> Lifecycles { get; } =
        from channel in Gen.OneOf([.. Lifecycle.Channels])
        from crm in Gen.OneOf(CrmKind.Salesforce, CrmKind.Zendesk)
        from fault in Fault
        from steps in Step(channel).List[1, MaxSteps]
        select Allowed(new Lifecycle(channel, crm, fault, steps));

    private static Gen<LifecycleStep> Step(string channel) =>
        from kind in Kind
        from retry in Gen.Int[0, 3]
        select new LifecycleStep(kind, retry == 0 && IsRetryable(channel, kind));

    /// <summary>
    /// What a retry under the same id means: a platform resends any request with its token, request id or the same
    /// event; the JSON API documents an <c>Idempotency-Key</c> for baton appends and transfers only. A silence and the
    /// human's disposition (no id) are never retried.
    /// </summary>
    public static bool IsRetryable(string channel, LifecycleEventKind kind) => kind switch
    {
        LifecycleEventKind.ShortSilence or LifecycleEventKind.SilenceJustUnderAbandonAfter or LifecycleEventKind.SilenceJustOverAbandonAfter => false,
        LifecycleEventKind.Disposition => false,
        _ when channel == Lifecycle.Api => kind is LifecycleEventKind.Say or LifecycleEventKind.SayCard or LifecycleEventKind.Transfer,
        _ => true,
    };

    /// <summary>Drops a held-back retry to a plain request, and a held-back event altogether.</summary>
    public static Lifecycle Allowed(Lifecycle lifecycle)
    {
        var steps = new List<LifecycleStep>();
        foreach (var step in lifecycle.Steps)
        {
            if (KnownGaps.Allow(lifecycle, step))
            {
                steps.Add(step);
            }
            else if (step.Retry && KnownGaps.Allow(lifecycle, step with { Retry = false }))
            {
                steps.Add(step with { Retry = false });
            }
        }

        return lifecycle with { Steps = steps };
    }
}
