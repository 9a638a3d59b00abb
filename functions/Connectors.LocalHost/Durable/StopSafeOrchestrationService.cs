using DurableTask.Core;

namespace Connectors.LocalHost.Durable;

/// <summary>
/// DTFx's orchestration service as the sidecar's dispatcher sees it, with one difference: a stop that comes before
/// the dispatcher ever started it (a host stopped within moments of starting, before the worker connected) does
/// nothing, and a stop during a start waits for that start. The sidecar stops the service from an <c>async void</c>
/// callback, where DTFx's own stop of a service that never started throws and would end the process.
/// And a host's stop drains it first (<see cref="DrainAsync"/>): no new work item goes to the worker, one taken
/// meanwhile is given back to the queue, and the stop waits (bounded) for those the worker holds to complete, so the
/// worker never finishes one over a channel that is closing. Everything else is passed through unchanged.
/// </summary>
internal sealed class StopSafeOrchestrationService(IOrchestrationService inner) : IOrchestrationService
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private Task? _started;
    private int _inFlight;
    private volatile bool _draining;

    /// <summary>Work items handed to the worker and not yet completed, abandoned or released.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Stops handing out work and waits until the worker holds none, or <paramref name="timeout"/> or the host's stop deadline passes; true when drained.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        _draining = true;
        var deadline = time.GetUtcNow() + timeout;
        while (InFlight > 0)
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            try
            {
                await Task.Delay(DrainPoll, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The host's own stop deadline came first: not drained, which the caller logs; a stop is never an error.
                return false;
            }
        }

        return true;
    }

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task StartAsync()
    {
        lock (_gate)
        {
            return _started ??= inner.StartAsync();
        }
    }

    public Task StopAsync() => StopAsync(isForced: false);

    public async Task StopAsync(bool isForced)
    {
        Task? started;
        lock (_gate)
        {
            started = _started;
            _started = null;
        }

        if (started is null)
        {
            return;
        }

        try
        {
            await started;
        }
        catch (Exception)
        {
            // A start that failed left nothing running to stop; the failure was the dispatcher's to report.
            return;
        }

        await inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        if (_draining)
        {
            return await NothingAsync<TaskOrchestrationWorkItem>(receiveTimeout, cancellationToken);
        }

        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem is null)
        {
            return workItem!;
        }

        Interlocked.Increment(ref _inFlight);
        if (_draining)
        {
            // Taken as the drain began: back to the queue for the next host, never half-run by a stopping worker.
            await AbandonTaskOrchestrationWorkItemAsync(workItem);
            await ReleaseTaskOrchestrationWorkItemAsync(workItem);
            return null!;
        }

        return workItem;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    /// <summary>The dispatcher's last call for every orchestration work item it took (in a finally), so the one that counts it out.</summary>
    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        if (_draining)
        {
            return await NothingAsync<TaskActivityWorkItem>(receiveTimeout, cancellationToken);
        }

        var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is null)
        {
            return workItem!;
        }

        Interlocked.Increment(ref _inFlight);
        if (_draining)
        {
            await AbandonTaskActivityWorkItemAsync(workItem);
            return null!;
        }

        return workItem;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        try
        {
            await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>What an idle queue answers: nothing, after a short wait, so a draining dispatcher does not spin.</summary>
    private static async Task<T> NothingAsync<T>(TimeSpan receiveTimeout, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await Task.Delay(receiveTimeout < DrainPoll * 10 ? receiveTimeout : DrainPoll * 10, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        return null!;
    }
}
