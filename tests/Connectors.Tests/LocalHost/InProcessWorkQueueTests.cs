using System.Collections.Concurrent;
using Connectors.Core.Queues;
using Connectors.LocalHost.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.LocalHost;

public sealed class InProcessWorkQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_message_id_sent_again_within_the_window_is_accepted_and_dropped()
    {
        var clock = new FakeTimeProvider();
        var queue = NewQueue(new InProcessQueueOptions { DuplicateDetectionWindow = TimeSpan.FromMinutes(10) }, clock);

        await queue.EnqueueAsync(new WorkItem("q", "m-1", "first"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(9));
        await queue.EnqueueAsync(new WorkItem("q", "m-1", "second"), CancellationToken.None);
        await queue.EnqueueAsync(new WorkItem("q", "m-2", "other"), CancellationToken.None);

        Assert.Equal(2, queue.Count);
        Assert.True(queue.Reader.TryRead(out var first));
        Assert.Equal("first", first.Body);
    }

    [Fact]
    public async Task A_message_id_is_accepted_again_once_the_window_has_passed()
    {
        var clock = new FakeTimeProvider();
        var queue = NewQueue(new InProcessQueueOptions { DuplicateDetectionWindow = TimeSpan.FromMinutes(10) }, clock);

        await queue.EnqueueAsync(new WorkItem("q", "m-1", "first"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(10));
        await queue.EnqueueAsync(new WorkItem("q", "m-1", "again"), CancellationToken.None);

        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task A_message_id_longer_than_service_bus_allows_is_refused()
    {
        var queue = NewQueue(new InProcessQueueOptions(), TimeProvider.System);

        await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync(new WorkItem("q", new string('x', 129), "{}"), CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_handler_gets_the_message_again_with_a_higher_delivery_count()
    {
        var handler = new ScriptedHandler("q", failTimes: 2);
        var (queue, dispatcher, _) = Start(new InProcessQueueOptions { RedeliveryBaseDelay = TimeSpan.FromMilliseconds(5), RedeliveryMaxDelay = TimeSpan.FromMilliseconds(20) }, handler);

        await queue.EnqueueAsync(new WorkItem("q", "m-1", "{}"), CancellationToken.None);
        await handler.WaitForDeliveriesAsync(3);
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal([1, 2, 3], handler.DeliveryCounts);
        Assert.Equal(1, handler.Successes);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_lettered_after_the_max_delivery_count()
    {
        var handler = new ScriptedHandler("q", failTimes: int.MaxValue);
        var (queue, dispatcher, logger) = Start(new InProcessQueueOptions { MaxDeliveryCount = 3, RedeliveryBaseDelay = TimeSpan.FromMilliseconds(5), RedeliveryMaxDelay = TimeSpan.FromMilliseconds(20) }, handler);

        await queue.EnqueueAsync(new WorkItem("q", "m-1", "{}"), CancellationToken.None);
        await Wait.UntilAsync(() => logger.Collector.GetSnapshot().Any(e => e.Level == LogLevel.Error && e.Message.Contains("dead-lettered", StringComparison.Ordinal)), "the message to be dead-lettered");
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal([1, 2, 3], handler.DeliveryCounts);
        Assert.Contains(logger.Collector.GetSnapshot(), e => e.Message.Contains("max-delivery-count-exceeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_for_a_queue_nobody_handles_is_dead_lettered_at_once()
    {
        var handler = new ScriptedHandler("q", failTimes: 0);
        var (queue, dispatcher, logger) = Start(new InProcessQueueOptions(), handler);

        await queue.EnqueueAsync(new WorkItem("elsewhere", "m-1", "{}"), CancellationToken.None);
        await Wait.UntilAsync(() => logger.Collector.GetSnapshot().Any(e => e.Message.Contains("no-handler", StringComparison.Ordinal)), "the no-handler dead-letter");
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Empty(handler.DeliveryCounts);
    }

    [Fact]
    public async Task Stopping_lets_a_running_handler_finish_and_refuses_new_sends()
    {
        var handler = new ScriptedHandler("q", failTimes: 0) { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var (queue, dispatcher, _) = Start(new InProcessQueueOptions(), handler);
        await queue.EnqueueAsync(new WorkItem("q", "m-1", "{}"), CancellationToken.None);
        await handler.WaitForDeliveriesAsync(1);

        var stopping = dispatcher.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        handler.Hold.SetResult();
        await stopping.WaitAsync(Patience);

        Assert.Equal(1, handler.Successes);
        Assert.False(handler.SawCancellation);
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.EnqueueAsync(new WorkItem("q", "m-2", "{}"), CancellationToken.None));
    }

    [Fact]
    public async Task Stopping_past_the_shutdown_timeout_cancels_handlers_still_running()
    {
        var handler = new ScriptedHandler("q", failTimes: 0) { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var (queue, dispatcher, _) = Start(new InProcessQueueOptions(), handler);
        await queue.EnqueueAsync(new WorkItem("q", "m-1", "{}"), CancellationToken.None);
        await handler.WaitForDeliveriesAsync(1);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await dispatcher.StopAsync(timeout.Token).WaitAsync(Patience);

        await Wait.UntilAsync(() => handler.SawCancellation, "the held handler to see its cancellation");
        Assert.Equal(0, handler.Successes);
    }

    [Fact]
    public void Two_handlers_for_one_queue_fail_at_start() =>
        Assert.Throws<InvalidOperationException>(() => new WorkItemDispatcher([new ScriptedHandler("q", 0), new ScriptedHandler("q", 0)]));

    [Fact]
    public async Task Handlers_run_concurrently_up_to_the_limit()
    {
        var handler = new ScriptedHandler("q", failTimes: 0) { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var (queue, dispatcher, _) = Start(new InProcessQueueOptions { MaxConcurrentHandlers = 3 }, handler);

        for (var i = 0; i < 5; i++)
        {
            await queue.EnqueueAsync(new WorkItem("q", $"m-{i}", "{}"), CancellationToken.None);
        }

        await handler.WaitForDeliveriesAsync(3);

        // With every slot held the dispatcher cannot take the other two off the queue.
        Assert.Equal(2, queue.Count);
        Assert.Equal(3, handler.DeliveryCounts.Count);
        handler.Hold.SetResult();
        await handler.WaitForDeliveriesAsync(5);
        await dispatcher.StopAsync(CancellationToken.None);
        Assert.Equal(5, handler.Successes);
    }

    private static InProcessWorkQueue NewQueue(InProcessQueueOptions options, TimeProvider clock) =>
        new(Options.Create(options), clock, NullLogger<InProcessWorkQueue>.Instance);

    private static (InProcessWorkQueue Queue, InProcessWorkDispatcher Dispatcher, FakeLogger<InProcessWorkDispatcher> Logger) Start(InProcessQueueOptions options, params IWorkItemHandler[] handlers)
    {
        var queue = NewQueue(options, TimeProvider.System);
        var logger = new FakeLogger<InProcessWorkDispatcher>();
        var dispatcher = new InProcessWorkDispatcher(queue, new WorkItemDispatcher(handlers), Options.Create(options), TimeProvider.System, logger);
        dispatcher.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return (queue, dispatcher, logger);
    }

    private sealed class ScriptedHandler(string queue, int failTimes) : IWorkItemHandler
    {
        private readonly ConcurrentQueue<int> _deliveryCounts = new();
        private int _failures;
        private int _successes;

        public string Queue => queue;

        public TaskCompletionSource? Hold { get; init; }

        public IReadOnlyList<int> DeliveryCounts => [.. _deliveryCounts];

        public int Successes => Volatile.Read(ref _successes);

        public bool SawCancellation { get; private set; }

        public async Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
        {
            _deliveryCounts.Enqueue(item.DeliveryCount);
            if (Hold is not null)
            {
                try
                {
                    await Hold.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    SawCancellation = true;
                    throw;
                }
            }

            if (Interlocked.Increment(ref _failures) <= failTimes)
            {
                throw new InvalidOperationException("scripted failure");
            }

            Interlocked.Increment(ref _successes);
        }

        public Task WaitForDeliveriesAsync(int count) => Wait.UntilAsync(() => _deliveryCounts.Count >= count, $"{count} deliveries");
    }
}
