using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Connectors.Core.Events;

/// <summary>An <see cref="OutboundEvent"/> as a CloudEvents 1.0 structured-mode JSON message (<c>application/cloudevents+json</c>).</summary>
public static class CloudEventEncoder
{
    public static (ReadOnlyMemory<byte> Body, ContentType ContentType) Encode(OutboundEvent outbound, Uri source)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = outbound.Id,
            Source = source,
            Type = outbound.Type,
            Subject = outbound.CallId,
            Time = outbound.Time,
            DataContentType = MediaTypeNames.Application.Json,
            Data = new Dictionary<string, string>(outbound.Data, StringComparer.Ordinal) { ["callId"] = outbound.CallId },
        };
        var body = new JsonEventFormatter().EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body, contentType);
    }
}
