using System.Diagnostics;
using OpenTelemetry;

namespace Connectors.Core.Observability;

/// <summary>
/// An OpenTelemetry span processor, in both hosts ahead of any exporter: a span's name and every string tag that holds
/// an agent-link token (the request's <c>url.path</c>, <c>url.full</c>, <c>http.target</c>, a route value…) get
/// <c>batons/{token}</c> instead, when the span starts and again when it ends (tags set in between are caught too).
/// </summary>
public sealed class AgentLinkSpanScrubber : BaseProcessor<Activity>
{
    public override void OnStart(Activity data) => Scrub(data);

    public override void OnEnd(Activity data) => Scrub(data);

    private static void Scrub(Activity? activity)
    {
        if (activity is null)
        {
            return;
        }

        if (AgentLinkScrubber.HoldsToken(activity.DisplayName))
        {
            activity.DisplayName = AgentLinkScrubber.Scrub(activity.DisplayName);
        }

        List<KeyValuePair<string, string>>? changed = null;
        foreach (var (key, value) in activity.TagObjects)
        {
            if (value is string text && AgentLinkScrubber.HoldsToken(text))
            {
                (changed ??= []).Add(new(key, AgentLinkScrubber.Scrub(text)));
            }
        }

        foreach (var (key, value) in changed ?? [])
        {
            activity.SetTag(key, value);
        }
    }
}
