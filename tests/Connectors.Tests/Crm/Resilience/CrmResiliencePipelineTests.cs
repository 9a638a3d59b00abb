using System.Globalization;
using System.Net;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Resilience;
using Connectors.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Crm.Resilience;

/// <summary>
/// The shape of the shared CRM pipeline (total timeout → retry honouring Retry-After → breaker → attempt
/// timeout) and its handler, judged by what reaches a real HTTP server.
/// </summary>
public sealed class CrmResiliencePipelineTests : IAsyncLifetime
{
    private static readonly CrmCallContext Call = new("call-pipeline", DryRun: false);
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private ScriptedCrmServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedCrmServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _metrics.DisposeAsync();
    }

    // The attempt timeout is generous: a cold first request on a busy machine must not time out by accident.
    private static CrmResilienceOptions Fast() => new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(5),
        TotalTimeout = TimeSpan.FromSeconds(10),
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        BreakerMinimumThroughput = 100,
    };

    private HttpClient Client(CrmResiliencePipeline pipeline) =>
        new(new CrmResilienceHandler(pipeline, new CrmMetrics(_metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<CrmResilienceHandler>.Instance)
        {
            InnerHandler = new SocketsHttpHandler(),
        })
        {
            BaseAddress = _server.BaseAddress,
        };

    private static HttpRequestMessage Read() => new HttpRequestMessage(HttpMethod.Get, "records/1").WithCall(Call, "read");

    private static HttpRequestMessage Write(string? key) =>
        key is null
            ? new HttpRequestMessage(HttpMethod.Post, "records") { Content = new StringContent("{}") }.WithCall(Call, "write")
            : new HttpRequestMessage(HttpMethod.Patch, "records/" + key) { Content = new StringContent("{}") }.WithCall(Call, "write").WithIdempotencyKey(key);

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task A_transient_answer_is_retried_until_one_succeeds(int status)
    {
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, Fast(), TimeProvider.System);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Status(status), ScriptedCrmServer.Status(status), ScriptedCrmServer.Status(200));

        using var response = await client.SendAsync(Read());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _server.Received);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    public async Task A_permanent_answer_is_returned_at_once(int status)
    {
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, Fast(), TimeProvider.System);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Status(status), ScriptedCrmServer.Status(200));

        using var response = await client.SendAsync(Read());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(1, _server.Received);
    }

    [Fact]
    public async Task A_dropped_connection_and_an_attempt_timeout_are_both_retried()
    {
        var options = Fast();
        options.AttemptTimeout = TimeSpan.FromSeconds(1);
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, options, TimeProvider.System);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Drop(), ScriptedCrmServer.Hang(TimeSpan.FromSeconds(30)), ScriptedCrmServer.Status(200));

        using var response = await client.SendAsync(Write("key-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _server.Received);
    }

    [Fact]
    public async Task Retries_that_run_out_report_the_crm_unavailable_with_an_unknown_write_outcome()
    {
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, Fast(), TimeProvider.System);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Status(503));

        var unavailable = await Assert.ThrowsAsync<CrmUnavailableException>(() => client.SendAsync(Write("key-1")));

        Assert.Equal("server-error", unavailable.Reason);
        Assert.True(unavailable.OutcomeUnknown);
        Assert.Equal(4, _server.Received);
    }

    [Fact]
    public async Task A_write_without_an_idempotency_key_is_never_retried()
    {
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, Fast(), TimeProvider.System);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Drop(), ScriptedCrmServer.Status(200));

        var unavailable = await Assert.ThrowsAsync<CrmUnavailableException>(() => client.SendAsync(Write(key: null)));

        Assert.Equal("connection-failed", unavailable.Reason);
        Assert.True(unavailable.OutcomeUnknown);
        Assert.Equal(1, _server.Received);
    }

    [Fact]
    public async Task Retry_after_in_seconds_sets_the_wait_before_the_next_attempt()
    {
        var clock = new FakeTimeProvider();
        var timers = new TimerRecordingTimeProvider(clock);
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, Fast(), timers);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Status(429, r => r.Headers.RetryAfter = "7"), ScriptedCrmServer.Status(200));

        var call = client.SendAsync(Read());
        await Wait.UntilAsync(() => timers.Requested.Contains(TimeSpan.FromSeconds(7)), "the 7 s Retry-After wait");
        Assert.Equal(1, _server.Received);
        clock.Advance(TimeSpan.FromSeconds(7));
        using var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.Received);
    }

    [Fact]
    public async Task Retry_after_as_a_date_waits_until_that_date_by_the_servers_clock()
    {
        var clock = new FakeTimeProvider();
        var timers = new TimerRecordingTimeProvider(clock);
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, Fast(), timers);
        using var client = Client(pipeline);
        var serverNow = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
        _server.Then(
            ScriptedCrmServer.Status(503, r =>
            {
                r.Headers.Date = serverNow.ToString("R", CultureInfo.InvariantCulture);
                r.Headers.RetryAfter = serverNow.AddSeconds(4).ToString("R", CultureInfo.InvariantCulture);
            }),
            ScriptedCrmServer.Status(200));

        var call = client.SendAsync(Read());
        await Wait.UntilAsync(() => timers.Requested.Contains(TimeSpan.FromSeconds(4)), "the 4 s Retry-After wait");
        Assert.Equal(1, _server.Received);
        clock.Advance(TimeSpan.FromSeconds(4));
        using var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.Received);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_cap_fails_fast_as_throttled()
    {
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, Fast(), TimeProvider.System);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Status(429, r => r.Headers.RetryAfter = "3600"), ScriptedCrmServer.Status(200));

        var unavailable = await Assert.ThrowsAsync<CrmUnavailableException>(() => client.SendAsync(Read()));

        Assert.Equal("throttled", unavailable.Reason);
        Assert.Equal(1, _server.Received);
    }

    [Fact]
    public async Task An_open_circuit_answers_without_calling_the_server()
    {
        var options = Fast();
        options.MaxRetryAttempts = 0;
        options.BreakerMinimumThroughput = 2;
        options.BreakerFailureRatio = 0.5;
        options.BreakDuration = TimeSpan.FromMinutes(1);
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, options, TimeProvider.System);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Status(503));

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("server-error", (await Assert.ThrowsAsync<CrmUnavailableException>(() => client.SendAsync(Read()))).Reason);
        }

        var open = await Assert.ThrowsAsync<CrmUnavailableException>(() => client.SendAsync(Read()));

        Assert.Equal("circuit-open", open.Reason);
        Assert.False(open.OutcomeUnknown);
        Assert.Equal(2, _server.Received);
    }

    [Fact]
    public async Task Reads_and_unkeyed_writes_share_one_circuit()
    {
        var options = Fast();
        options.MaxRetryAttempts = 0;
        options.BreakerMinimumThroughput = 2;
        options.BreakDuration = TimeSpan.FromMinutes(1);
        using var pipeline = new CrmResiliencePipeline(CrmKind.Zendesk, options, TimeProvider.System);
        using var client = Client(pipeline);
        _server.Then(ScriptedCrmServer.Status(503));
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<CrmUnavailableException>(() => client.SendAsync(Read()));
        }

        var open = await Assert.ThrowsAsync<CrmUnavailableException>(() => client.SendAsync(Write(key: null)));

        Assert.Equal("circuit-open", open.Reason);
        Assert.Equal(2, _server.Received);
    }
}
