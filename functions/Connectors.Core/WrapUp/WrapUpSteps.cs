namespace Connectors.Core.WrapUp;

/// <summary>The names of the wrap-up's steps, as progress and the call's events show them.</summary>
public static class WrapUpSteps
{
    public const string Load = "load";
    public const string Draft = "draft";
    public const string Confirm = "confirm";
    public const string Upsert = "upsert";
    public const string Note = "note";
    public const string Recorded = "recorded";

    /// <summary>The call event each completed activity appends (detail = the step): the audit trail that shows no step ran twice.</summary>
    public const string StepEventKind = "wrapup-step";

    /// <summary>The call event of a wrap-up that was started (detail = its trigger).</summary>
    public const string StartedEventKind = "wrapup-started";
}
