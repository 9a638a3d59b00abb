using Connectors.Core.Auth.Senders;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace Connectors.Tests.Resilience;

/// <summary>The shape of every outbound pipeline, read back from the built pipelines with Polly.Testing.</summary>
public sealed class HttpResiliencePipelinesTests
{
    private static readonly CrmResilienceOptions Crm = new()
    {
        TotalTimeout = TimeSpan.FromSeconds(21),
        AttemptTimeout = TimeSpan.FromSeconds(4),
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(250),
        MaxRetryAfter = TimeSpan.FromSeconds(9),
        BreakerFailureRatio = 0.4,
        BreakerMinimumThroughput = 12,
        BreakerSamplingDuration = TimeSpan.FromSeconds(31),
        BreakDuration = TimeSpan.FromSeconds(16),
    };

    private static readonly SenderResilienceOptions Sender = new()
    {
        TotalTimeout = TimeSpan.FromSeconds(11),
        AttemptTimeout = TimeSpan.FromSeconds(3),
        MaxRetryAttempts = 2,
        BaseDelay = TimeSpan.FromMilliseconds(150),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        BreakerFailureRatio = 0.6,
        BreakerMinimumThroughput = 8,
        BreakerSamplingDuration = TimeSpan.FromSeconds(20),
        BreakDuration = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public void A_crm_read_runs_total_timeout_then_retry_then_breaker_then_attempt_timeout()
    {
        using var pipeline = new CrmResiliencePipeline(CrmKind.Salesforce, Crm, TimeProvider.System);

        var strategies = pipeline.Retrying.GetPipelineDescriptor().Strategies;

        Assert.Equal(4, strategies.Count);
        Assert.Equal(Crm.TotalTimeout, Assert.IsType<TimeoutStrategyOptions>(strategies[0].Options).Timeout);
        AssertRetry(strategies[1].Options, Crm.MaxRetryAttempts, Crm.BaseDelay, Crm.MaxRetryAfter);
        AssertBreaker(strategies[2].Options, Crm.BreakerFailureRatio, Crm.BreakerMinimumThroughput, Crm.BreakerSamplingDuration, Crm.BreakDuration);
        Assert.Equal(Crm.AttemptTimeout, Assert.IsType<TimeoutStrategyOptions>(strategies[3].Options).Timeout);
    }

    [Fact]
    public void An_unkeyed_crm_write_has_no_retry_and_shares_the_reads_breaker()
    {
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, Crm, TimeProvider.System);

        var single = pipeline.SingleAttempt.GetPipelineDescriptor().Strategies;
        var retrying = pipeline.Retrying.GetPipelineDescriptor().Strategies;

        Assert.Equal(3, single.Count);
        Assert.DoesNotContain(single, s => s.Options is RetryStrategyOptions<HttpResponseMessage>);
        Assert.Same(retrying[2].StrategyInstance, single[1].StrategyInstance);
        Assert.Same(retrying[3].StrategyInstance, single[2].StrategyInstance);
    }

    [Fact]
    public void A_sender_is_built_the_same_way_with_its_own_bounds()
    {
        var pipeline = new SenderResiliencePipeline("sms-twilio", Sender, SenderRetrySafety.OnlyWhenNotReceived, TimeProvider.System);

        var strategies = pipeline.Pipeline.GetPipelineDescriptor().Strategies;

        Assert.Equal(4, strategies.Count);
        Assert.Equal(Sender.TotalTimeout, Assert.IsType<TimeoutStrategyOptions>(strategies[0].Options).Timeout);
        AssertRetry(strategies[1].Options, Sender.MaxRetryAttempts, Sender.BaseDelay, Sender.MaxRetryAfter);
        AssertBreaker(strategies[2].Options, Sender.BreakerFailureRatio, Sender.BreakerMinimumThroughput, Sender.BreakerSamplingDuration, Sender.BreakDuration);
        Assert.Equal(Sender.AttemptTimeout, Assert.IsType<TimeoutStrategyOptions>(strategies[3].Options).Timeout);
    }

    [Fact]
    public void With_retries_set_to_zero_there_is_no_retry_strategy()
    {
        var pipeline = new SenderResiliencePipeline("email-graph", new SenderResilienceOptions { MaxRetryAttempts = 0 }, SenderRetrySafety.Repeatable, TimeProvider.System);

        Assert.DoesNotContain(pipeline.Pipeline.GetPipelineDescriptor().Strategies, s => s.Options is RetryStrategyOptions<HttpResponseMessage>);
    }

    private static void AssertRetry(ResilienceStrategyOptions? options, int attempts, TimeSpan delay, TimeSpan maxDelay)
    {
        var retry = Assert.IsType<RetryStrategyOptions<HttpResponseMessage>>(options);
        Assert.Equal((attempts, delay, maxDelay, DelayBackoffType.Exponential, true), (retry.MaxRetryAttempts, retry.Delay, retry.MaxDelay, retry.BackoffType, retry.UseJitter));
    }

    private static void AssertBreaker(ResilienceStrategyOptions? options, double ratio, int throughput, TimeSpan sampling, TimeSpan breakFor)
    {
        var breaker = Assert.IsType<CircuitBreakerStrategyOptions<HttpResponseMessage>>(options);
        Assert.Equal((ratio, throughput, sampling, breakFor), (breaker.FailureRatio, breaker.MinimumThroughput, breaker.SamplingDuration, breaker.BreakDuration));
    }
}
