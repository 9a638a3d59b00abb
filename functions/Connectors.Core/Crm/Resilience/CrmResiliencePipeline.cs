using System.Net;
using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Connectors.Core.Crm.Resilience;

/// <summary>
/// One CRM org's resilience, built in one place and held as a singleton so the circuit breaker and
/// the concurrency limit see every request to that org: total timeout → retry (jittered exponential,
/// honouring Retry-After, only what is transient) → circuit breaker → per-attempt timeout.
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
        var breaker = new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            ShouldHandle = args => ShouldHandleAsync(args.Outcome),
        };
        // One instance of the breaker and attempt timeout, shared by both pipelines: built twice, the
        // options would make two breakers, and failures of unkeyed writes would never open the reads' circuit.
        var perAttempt = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddCircuitBreaker(breaker)
            .AddTimeout(options.AttemptTimeout)
            .Build();
        Retrying = Build(options, timeProvider, perAttempt, retry: true);
        SingleAttempt = Build(options, timeProvider, perAttempt, retry: false);
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

    private ResiliencePipeline<HttpResponseMessage> Build(
        CrmResilienceOptions options, TimeProvider timeProvider, ResiliencePipeline<HttpResponseMessage> perAttempt, bool retry)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout);
        if (retry && options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxRetryAfter,
                ShouldHandle = async args => await ShouldHandleAsync(args.Outcome) && !RetryAfterTooLong(args.Outcome.Result),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        return builder
            .AddPipeline(perAttempt)
            .Build();
    }

    private ValueTask<bool> ShouldHandleAsync(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException or HttpRequestException } => ValueTask.FromResult(true),
        { Exception: not null } => ValueTask.FromResult(false),
        { Result: { } response } => Classifier.IsTransientAsync(response),
        _ => ValueTask.FromResult(false),
    };

    private bool RetryAfterTooLong(HttpResponseMessage? response) => RetryAfter(response) > Options.MaxRetryAfter;

    /// <summary>The server's Retry-After (seconds or a date) when it sent one; null lets the back-off decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && response!.Headers.Date is { } now)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Status codes every CRM means as "try again": 408, 429 and 5xx.</summary>
    internal static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
