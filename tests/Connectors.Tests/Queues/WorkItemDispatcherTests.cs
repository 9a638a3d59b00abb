using Connectors.Core.Queues;

namespace Connectors.Tests.Queues;

public sealed class WorkItemDispatcherTests
{
    // Queues of the dispatcher's own, not the deployment's: routing is by name, whatever the name.
    private const string WrapUpQueue = "wrapup";
    private const string UnhandledQueue = "otp-send";

    [Fact]
    public async Task A_work_item_reaches_only_the_handler_of_its_queue_with_its_delivery_count()
    {
        var prefetch = new RecordingHandler(QueueNames.Prefetch);
        var wrapUp = new RecordingHandler(WrapUpQueue);
        var dispatcher = new WorkItemDispatcher([prefetch, wrapUp]);

        var item = new WorkItem(WrapUpQueue, "call-7:wrapup", "{\"callId\":\"call-7\"}", DeliveryCount: 3);
        await dispatcher.DispatchAsync(item, CancellationToken.None);

        Assert.Equal([item], wrapUp.Received);
        Assert.Empty(prefetch.Received);
    }

    [Fact]
    public async Task A_queue_without_a_handler_fails_so_the_transport_redelivers_instead_of_completing()
    {
        var dispatcher = new WorkItemDispatcher([new RecordingHandler(QueueNames.Prefetch)]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            dispatcher.DispatchAsync(new WorkItem(UnhandledQueue, "m-1", "{}"), CancellationToken.None));

        Assert.Contains(UnhandledQueue, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_handlers_claiming_one_queue_are_refused_when_the_dispatcher_is_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new WorkItemDispatcher([new RecordingHandler(WrapUpQueue), new RecordingHandler(WrapUpQueue)]));

        Assert.Contains(WrapUpQueue, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_names_are_distinct_and_valid_service_bus_entity_names()
    {
        Assert.Equal(QueueNames.All.Count, QueueNames.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(QueueNames.All, name => Assert.Matches("^[a-z0-9][a-z0-9.-]{0,48}[a-z0-9]$", name));
    }

    private sealed class RecordingHandler(string queue) : IWorkItemHandler
    {
        public string Queue { get; } = queue;

        public List<WorkItem> Received { get; } = [];

        public Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
        {
            Received.Add(item);
            return Task.CompletedTask;
        }
    }
}
