namespace Connectors.Tests.Lifecycle;

/// <summary>One step of a lifecycle; <see cref="Retry"/> sends the same request again at once, under the same id, as a platform does when an answer is lost.</summary>
public sealed record LifecycleStep(LifecycleEventKind Kind, bool Retry)
{
    public bool IsSilence => Kind is LifecycleEventKind.ShortSilence or LifecycleEventKind.SilenceJustUnderAbandonAfter or LifecycleEventKind.SilenceJustOverAbandonAfter;

    public override string ToString() => Retry ? Kind + "+retry" : Kind.ToString();
}
