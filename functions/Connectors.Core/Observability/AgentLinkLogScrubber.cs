using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Connectors.Core.Observability;

/// <summary>
/// An OpenTelemetry log processor, in both hosts ahead of any exporter: a log record's message, body and string
/// attributes that hold an agent-link token get <c>batons/{token}</c> instead.
/// </summary>
public sealed class AgentLinkLogScrubber : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FormattedMessage is { } message && AgentLinkScrubber.HoldsToken(message))
        {
            data.FormattedMessage = AgentLinkScrubber.Scrub(message);
        }

        if (data.Body is { } body && AgentLinkScrubber.HoldsToken(body))
        {
            data.Body = AgentLinkScrubber.Scrub(body);
        }

        if (data.Attributes is { } attributes && attributes.Any(a => a.Value is string text && AgentLinkScrubber.HoldsToken(text)))
        {
            data.Attributes = [.. attributes.Select(a => a.Value is string text ? new KeyValuePair<string, object?>(a.Key, AgentLinkScrubber.Scrub(text)) : a)];
        }
    }
}
