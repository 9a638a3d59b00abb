using System.Reflection;
using Connectors.Core.Http;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// What the Functions app must register, read from Core: its routes, its queues, and (by reflection) every
/// <c>Microsoft.DurableTask</c> orchestrator and activity class, by the name the Durable Task SDK gives it.
/// </summary>
internal sealed record TriggerExpectations(
    IReadOnlyList<EndpointRoute> Routes,
    IReadOnlyList<string> Queues,
    IReadOnlyList<string> Orchestrators,
    IReadOnlyList<string> Activities)
{
    public const string OrchestratorBase = "Microsoft.DurableTask.TaskOrchestrator`2";
    public const string ActivityBase = "Microsoft.DurableTask.TaskActivity`2";

    /// <summary>The concrete subclasses of <paramref name="genericBase"/> (a generic type definition's full name) in <paramref name="assembly"/>, by task name.</summary>
    public static IReadOnlyList<string> DurableTaskNames(Assembly assembly, string genericBase) =>
        assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && Derives(type, genericBase))
            .Select(TaskName)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool Derives(Type type, string genericBase)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition().FullName == genericBase)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The class name, unless a <c>[DurableTask("name")]</c> attribute names the task otherwise.</summary>
    private static string TaskName(Type type)
    {
        var attribute = type.GetCustomAttributesData().FirstOrDefault(data => data.AttributeType.Name == "DurableTaskAttribute");
        return attribute?.ConstructorArguments.FirstOrDefault().Value as string is { Length: > 0 } name ? name : type.Name;
    }
}
