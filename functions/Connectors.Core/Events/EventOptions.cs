using System.ComponentModel.DataAnnotations;
using Connectors.Core.Auth.Senders;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Events;

/// <summary>Outbound call events: the receivers, and how delivery retries before it dead-letters.</summary>
public sealed class EventOptions : IValidatableObject
{
    public const string SectionName = "Events";

    /// <summary>The CloudEvents <c>source</c>. Default urn:connectors.</summary>
    [Required]
    public Uri Source { get; set; } = new("urn:connectors");

    /// <summary>The receivers by name; none configured means events are kept in the outbox and sent nowhere. Default none.</summary>
    public Dictionary<string, EventEndpointOptions> Endpoints { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Service Bus topic the Functions app also publishes every event to (set by the Bicep); unset, none (LocalHost). Default unset.</summary>
    public string? ServiceBusTopic { get; set; }

    /// <summary>Delivery rounds before an event is dead-lettered (then <c>POST /api/events/{id}/resend</c>). Default 8.</summary>
    [Range(1, 100)]
    public int MaxRounds { get; set; } = 8;

    /// <summary>The wait after the first failed round; it doubles each round up to <see cref="MaxRetryDelay"/>. Default 00:00:05.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two rounds. Default 00:10:00.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often LocalHost's delivery loop looks at the outbox (Azure: the timer's schedule). Default 00:00:02.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events one round delivers at most. Default 100.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>The HTTP pipeline of one delivery (the shared resilience builder): timeouts, retries, breaker.</summary>
    [Required]
    [ValidateObjectMembers]
    public SenderResilienceOptions Resilience { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, endpoint) in Endpoints)
        {
            if (endpoint.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"Events:Endpoints:{name}:Url must be an absolute http(s) address.", [nameof(Endpoints)]);
            }

            if (endpoint.Secret.Length < 32)
            {
                yield return new ValidationResult($"Events:Endpoints:{name}:Secret must be at least 32 characters.", [nameof(Endpoints)]);
            }
        }
    }
}
