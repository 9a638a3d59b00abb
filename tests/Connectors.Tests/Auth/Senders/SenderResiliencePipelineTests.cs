using System.Net;
using System.Net.Sockets;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Resilience;
using Polly;
using Polly.Timeout;

namespace Connectors.Tests.Auth.Senders;

/// <summary>The retry rule, outcome by outcome: what each kind of provider may have done, and so may be repeated.</summary>
public sealed class SenderResiliencePipelineTests
{
    public static TheoryData<string, bool, bool> Outcomes() => new()
    {
        // outcome, retried without idempotency, retried with repeatability
        { "429", true, true },
        { "500", false, true },
        { "503", false, true },
        { "408", false, true },
        { "400", false, false },
        { "401", false, false },
        { "201", false, false },
        { "timeout", false, true },
        { "connection-refused", true, true },
        { "connection-reset", false, true },
        { "other-exception", false, false },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Only_outcomes_that_prove_nothing_was_done_are_retried_without_an_idempotency_key(string outcome, bool withoutKey, bool repeatable)
    {
        var o = Make(outcome);
        Assert.Equal(withoutKey, SenderResiliencePipeline.IsSafeToRetry(o, SenderRetrySafety.OnlyWhenNotReceived));
        Assert.Equal(repeatable, SenderResiliencePipeline.IsSafeToRetry(o, SenderRetrySafety.Repeatable));
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        var now = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        date.Headers.Date = now;
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(7), HttpResiliencePipelines.RetryAfter(seconds));
        Assert.Equal(TimeSpan.FromSeconds(3), HttpResiliencePipelines.RetryAfter(date));
        Assert.Null(HttpResiliencePipelines.RetryAfter(new HttpResponseMessage(HttpStatusCode.TooManyRequests)));
    }

    private static Outcome<HttpResponseMessage> Make(string outcome) => outcome switch
    {
        "timeout" => Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()),
        "connection-refused" => Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))),
        "connection-reset" => Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset))),
        "other-exception" => Outcome.FromException<HttpResponseMessage>(new InvalidOperationException()),
        _ => Outcome.FromResult(new HttpResponseMessage((HttpStatusCode)int.Parse(outcome, System.Globalization.CultureInfo.InvariantCulture))),
    };
}
