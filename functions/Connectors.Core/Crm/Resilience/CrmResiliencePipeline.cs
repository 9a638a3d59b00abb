using System.Threading.RateLimiting;
using Connectors.Core.Resilience;
using Polly;
using Polly.Timeout;

namespace Connectors.Core.Crm.Resilience;

/// <summary>
/// One CRM org's resilience, built by <see cref="HttpResiliencePipelines"/> and held as a singleton so the
/// circuit breaker and the concurrency limit see every request to that org: total timeout → retry (jittered
/// exponential, honouring Retry-After, only what is transient) → circuit breaker → per-attempt timeout.
/// Writes without an idempotency key go through <see cref="SingleAttempt"/>: never retried.
/// </summary>
public sealed class CrmResiliencePipeline : IDisposable
{
    public CrmResiliencePipeline(CrmKind crm, CrmResilienceOptions options, TimeProvider timeProvider, ICrmTransientClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Crm = crm;
        Options = options;
        Classifier = classifier ?? new HttpTransientClassifier();
        // One instance of the breaker and attempt timeout, shared by both pipelines: built twice, there would
        // be two breakers, and failures of unkeyed writes would never open the reads' circuit.
        var perAttempt = HttpResiliencePipelines.PerAttempt(options, timeProvider, ShouldHandleAsync);
        Retrying = HttpResiliencePipelines.Around(perAttempt, options, timeProvider, ShouldHandleAsync);
        SingleAttempt = HttpResiliencePipelines.Around(perAttempt, options, timeProvider, mayRetry: null);
        Limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = options.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public CrmKind Crm { get; }

    public CrmResilienceOptions Options { get; }

    public ICrmTransientClassifier Classifier { get; }

    /// <summary>For reads and keyed writes.</summary>
    public ResiliencePipeline<HttpResponseMessage> Retrying { get; }

    /// <summary>For writes that carry no idempotency key: one attempt, same breaker and timeouts.</summary>
    public ResiliencePipeline<HttpResponseMessage> SingleAttempt { get; }

    /// <summary>Requests in flight to the org at once.</summary>
    public ConcurrencyLimiter Limiter { get; }

    public void Dispose() => Limiter.Dispose();

    private ValueTask<bool> ShouldHandleAsync(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException or HttpRequestException } => ValueTask.FromResult(true),
        { Exception: not null } => ValueTask.FromResult(false),
        { Result: { } response } => Classifier.IsTransientAsync(response),
        _ => ValueTask.FromResult(false),
    };
}
