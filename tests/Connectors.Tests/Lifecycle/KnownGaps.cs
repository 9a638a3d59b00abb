using Connectors.Core.Crm;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// TEMPORARY, and the one switch of its kind: the events the generator must not make yet, because main breaks on
/// them and the fix is on its way on another branch. Each entry names the issue item that fixes it; delete the
/// entry when that fix merges, and the property test holds the fix to it from then on. An empty list is the goal.
/// </summary>
public static class KnownGaps
{
    /// <summary>The events still held back, each with the issue item whose fix lets it in.</summary>
    public static IReadOnlyList<KnownGap> All { get; } =
    [
        new("transfer of a Zendesk call",
            "issue 14 item 1: the transfer's ticket and the wrap-up's are two tickets for one call",
            (lifecycle, step) => lifecycle.Crm == CrmKind.Zendesk && step.Kind == LifecycleEventKind.Transfer),
        new("a silence just under AbandonAfter",
            "issue 14 item 2: only session events count as activity, so two such silences with baton turns between are 'abandoned'",
            (_, step) => step.Kind == LifecycleEventKind.SilenceJustUnderAbandonAfter),
        new("a platform's retry of an action it does not key (reads, auth, otp, answered, end, connect)",
            "issue 14 item 3: a retried webhook is a 401, a retried Twilio/Connect knowledge answer or otp-send counts again",
            (lifecycle, step) => step.Retry && lifecycle.Channel != Lifecycle.Api
                && step.Kind is not (LifecycleEventKind.Say or LifecycleEventKind.SayCard or LifecycleEventKind.Transfer)),
        new("a platform's retry of a webhook (any action)",
            "issue 14 item 3: the webhook replay store refuses a sender's retry with 401 'replayed'",
            (lifecycle, step) => step.Retry && lifecycle.Channel == "webhook"),
    ];

    /// <summary>True when no entry holds <paramref name="step"/> back.</summary>
    public static bool Allow(Lifecycle lifecycle, LifecycleStep step) => !All.Any(gap => gap.Excludes(lifecycle, step));
}
