using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Connectors.Core.Queues;

namespace Connectors.LocalHost.Queues;

/// <summary>
/// Delivers the messages of <see cref="InProcessWorkQueue"/> through <see cref="WorkItemDispatcher"/> (as the
/// Functions app's Service Bus triggers do), at least once: a handler that throws gets the message again after a growing back-off,
/// up to <see cref="InProcessQueueOptions.MaxDeliveryCount"/> deliveries, then it is dead-lettered
/// (logged as an error, as there is no dead-letter queue to drain in memory). On shutdown it stops
/// taking messages and lets those in hand finish until the host's shutdown timeout.
/// </summary>
public sealed class InProcessWorkDispatcher : IHostedService, IDisposable
{
    private readonly InProcessWorkQueue _queue;
    private readonly WorkItemDispatcher _dispatcher;
    private readonly InProcessQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly object _gate = new();
    private readonly HashSet<Task> _inFlight = [];
    private int _waitingRedeliveries;
    private bool _disposed;
    private Task? _loop;

    public InProcessWorkDispatcher(
        InProcessWorkQueue queue,
        WorkItemDispatcher dispatcher,
        IOptions<InProcessQueueOptions> options,
        TimeProvider time,
        ILogger<InProcessWorkDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queue = queue;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrentHandlers);
        _dispatcher = dispatcher;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => ReceiveAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host torn down by its test factory can stop its services after the container disposed them.
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        _queue.Complete();
        await _stopping.CancelAsync();
        try
        {
            if (_loop is not null)
            {
                await _loop.WaitAsync(cancellationToken);
            }

            Task[] inFlight;
            lock (_gate)
            {
                inFlight = [.. _inFlight];
            }

            await Task.WhenAll(inFlight).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout: cancel what is still running rather than be killed mid-write.
            await _abort.CancelAsync();
            _logger.LogWarning("In-process queue stopped with handlers still running; they were cancelled");
        }

        var abandoned = _queue.Count + Volatile.Read(ref _waitingRedeliveries);
        if (abandoned > 0)
        {
            _logger.LogWarning("In-process queue stopped with {Abandoned} messages undelivered; their work must be requested again", abandoned);
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _stopping.Dispose();
        _abort.Dispose();
        _slots.Dispose();
    }

    private async Task ReceiveAsync(CancellationToken stopping)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping))
            {
                await _slots.WaitAsync(stopping);
                if (!_queue.Reader.TryRead(out var item))
                {
                    _slots.Release();
                    continue;
                }

                Track(DeliverAsync(item));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: messages still queued are reported as abandoned by StopAsync.
        }
    }

    private async Task DeliverAsync(WorkItem item)
    {
        try
        {
            if (!_dispatcher.Handles(item.Queue))
            {
                // Redelivery cannot make a handler appear in this process.
                DeadLetter(item, "no-handler", null);
                return;
            }

            await _dispatcher.DispatchAsync(item, _abort.Token);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _logger.LogWarning("Message {MessageId} on {Queue} cancelled by shutdown on delivery {DeliveryCount}", item.MessageId, item.Queue, item.DeliveryCount);
        }
        catch (Exception ex)
        {
            if (item.DeliveryCount >= _options.MaxDeliveryCount)
            {
                DeadLetter(item, "max-delivery-count-exceeded", ex);
            }
            else
            {
                var delay = RedeliveryDelay(item.DeliveryCount);
                _logger.LogWarning(ex, "Message {MessageId} on {Queue} failed on delivery {DeliveryCount}; redelivering in {DelayMs} ms",
                    item.MessageId, item.Queue, item.DeliveryCount, (long)delay.TotalMilliseconds);
                Track(RedeliverLaterAsync(item with { DeliveryCount = item.DeliveryCount + 1 }, delay));
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task RedeliverLaterAsync(WorkItem item, TimeSpan delay)
    {
        Interlocked.Increment(ref _waitingRedeliveries);
        try
        {
            await Task.Delay(delay, _time, _stopping.Token);
            await _queue.RedeliverAsync(item, _stopping.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            _logger.LogWarning("Redelivery of {MessageId} on {Queue} abandoned by shutdown", item.MessageId, item.Queue);
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _waitingRedeliveries);
        }
    }

    private void DeadLetter(WorkItem item, string reason, Exception? exception) =>
        _logger.LogError(exception, "Message {MessageId} on {Queue} dead-lettered after {DeliveryCount} deliveries: {DeadLetterReason}",
            item.MessageId, item.Queue, item.DeliveryCount, reason);

    /// <summary>Exponential from the base delay, capped, with ±20% jitter so a burst of failures does not return as a burst.</summary>
    internal TimeSpan RedeliveryDelay(int deliveryCount)
    {
        var exponential = _options.RedeliveryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(deliveryCount - 1, 20));
        var capped = Math.Min(exponential, _options.RedeliveryMaxDelay.TotalMilliseconds);
        var jittered = capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.RedeliveryMaxDelay.TotalMilliseconds));
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _inFlight.Add(task);
        }

        _ = task.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _inFlight.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
