using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Events;

/// <summary>
/// One delivery round over the outbox: every due event to every configured endpoint that has not answered 2xx for it,
/// signed, through the shared resilience pipeline. An event every endpoint took is sent; one that still misses an
/// endpoint waits (doubling, capped) and after <see cref="EventOptions.MaxRounds"/> is dead-lettered. LocalHost runs
/// it in a loop, Azure on a timer; two rounds at once deliver some events twice, with the same id.
/// </summary>
public sealed partial class EventDeliveryJob
{
    public const string HttpClientName = "outbound-events";

    private readonly EventOutbox _outbox;
    private readonly IHttpClientFactory _http;
    private readonly IOptionsMonitor<EventOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IOutboundEventTopic> _topics;

    public EventDeliveryJob(EventOutbox outbox, IHttpClientFactory http, IOptionsMonitor<EventOptions> options, TimeProvider time, ILogger<EventDeliveryJob> logger, IEnumerable<IOutboundEventTopic> topics)
    {
        _topics = [.. topics];
        _outbox = outbox;
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Delivers what is due; returns how many events were looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var due = await _outbox.DueAsync(_time.GetUtcNow(), options.BatchSize, cancellationToken);
        foreach (var outbound in due)
        {
            await DeliverAsync(outbound, options, cancellationToken);
        }

        return due.Count;
    }

    private async Task DeliverAsync(OutboundEvent outbound, EventOptions options, CancellationToken cancellationToken)
    {
        var (body, contentType) = CloudEventEncoder.Encode(outbound, options.Source);
        var delivered = outbound.DeliveredTo.ToList();
        string? lastError = null;
        foreach (var (name, endpoint) in options.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (delivered.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var error = await PostAsync(endpoint, body, contentType.ToString(), cancellationToken);
            if (error is null)
            {
                delivered.Add(name);
            }
            else
            {
                lastError = $"{name}: {error}";
                LogFailed(outbound.Id, outbound.Type, name, error);
            }
        }

        foreach (var topic in _topics.Where(t => !delivered.Contains(t.Name, StringComparer.OrdinalIgnoreCase)))
        {
            try
            {
                await topic.PublishAsync(outbound, body, contentType.ToString(), cancellationToken);
                delivered.Add(topic.Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                lastError = $"{topic.Name}: {ex.GetType().Name}";
                LogFailed(outbound.Id, outbound.Type, topic.Name, ex.GetType().Name);
            }
        }

        var now = _time.GetUtcNow();
        if (lastError is null)
        {
            await _outbox.MarkSentAsync(outbound with { DeliveredTo = delivered, LastError = null }, cancellationToken);
            return;
        }

        var rounds = outbound.FailedRounds + 1;
        var next = outbound with { DeliveredTo = delivered, FailedRounds = rounds, LastError = lastError };
        if (rounds >= options.MaxRounds)
        {
            await _outbox.DeadLetterAsync(next with { DeadLetteredAt = now }, cancellationToken);
            LogDeadLettered(outbound.Id, outbound.Type, rounds, lastError);
            return;
        }

        await _outbox.UpdatePendingAsync(next with { NextAttemptAt = now + Backoff(rounds, options) }, cancellationToken);
    }

    /// <summary>The wait after <paramref name="rounds"/> failed rounds: the first delay, doubled each round, capped.</summary>
    public static TimeSpan Backoff(int rounds, EventOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factor = Math.Pow(2, Math.Clamp(rounds - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(options.MaxRetryDelay.Ticks, options.FirstRetryDelay.Ticks * factor));
    }

    /// <summary>Null when the endpoint answered 2xx; else a short reason (status or failure kind; never a body).</summary>
    private async Task<string?> PostAsync(EventEndpointOptions endpoint, ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken)
    {
        var client = _http.CreateClient(HttpClientName);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.TryAddWithoutValidation(OutboundEventSignature.HeaderName, OutboundEventSignature.Sign(endpoint.Secret, _time.GetUtcNow(), body.Span));
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ex.GetType().Name;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} ({Type}) not delivered to {Endpoint}: {Error}; it is retried")]
    private partial void LogFailed(string eventId, string type, string endpoint, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} ({Type}) dead-lettered after {Rounds} rounds ({Error}); POST /api/events/<id>/resend sends it again")]
    private partial void LogDeadLettered(string eventId, string type, int rounds, string error);
}
