using Connectors.Core.Http;
using Connectors.Core.Queues;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// The Functions app as its build generated it (<c>functions.metadata</c>) against Core: every route, queue,
/// orchestrator and activity has its trigger. The comparison itself is proven to bite in <see cref="TriggerCheckTests"/>.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>The queues whose triggers sit behind the ConnectorsServiceBusTrigger switch: skipped only when it is off.</summary>
    private static readonly string[] QueuesBehindTheSwitch = [QueueNames.Prefetch];

    [Fact]
    public void The_generated_metadata_has_one_trigger_for_every_route_queue_orchestrator_and_activity_core_defines()
    {
        var functions = FunctionsMetadata.Load();
        var expected = CoreExpectations();

        Assert.NotEmpty(functions);
        Assert.Empty(TriggerCheck.Problems(functions, expected));
    }

    [Fact]
    public void Service_bus_triggers_are_exactly_the_queues_and_none_when_the_switch_is_off()
    {
        var serviceBus = FunctionsMetadata.Load().Where(function => function.Trigger?.Type == "serviceBusTrigger").Select(function => function.Trigger!.QueueName).ToList();

        if (FunctionsMetadata.ServiceBusTriggerBuilt)
        {
            Assert.Equal(QueueNames.All.Order(StringComparer.Ordinal), serviceBus.Order(StringComparer.Ordinal));
        }
        else
        {
            Assert.Empty(serviceBus);
            Assert.Equal(QueueNames.All.Order(StringComparer.Ordinal), QueuesBehindTheSwitch.Order(StringComparer.Ordinal));
        }
    }

    private static TriggerExpectations CoreExpectations()
    {
        var core = typeof(RouteTable).Assembly;
        var queues = FunctionsMetadata.ServiceBusTriggerBuilt ? QueueNames.All : QueueNames.All.Except(QueuesBehindTheSwitch, StringComparer.Ordinal).ToList();
        return new TriggerExpectations(
            RouteTable.All,
            queues,
            TriggerExpectations.DurableTaskNames(core, TriggerExpectations.OrchestratorBase),
            TriggerExpectations.DurableTaskNames(core, TriggerExpectations.ActivityBase));
    }
}
