namespace Connectors.Tests.Infrastructure;

/// <summary>
/// Compares a Functions app's generated metadata with what Core expects and lists every difference: each route has
/// exactly one HTTP function with its name, method, route and authorization level, and no HTTP function serves a
/// route Core does not have; each queue has exactly one Service Bus trigger and no other queue has one; each
/// orchestrator and activity has exactly one function of its name with the matching Durable trigger.
/// </summary>
internal static class TriggerCheck
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<MetadataFunction> functions, TriggerExpectations expected)
    {
        var problems = new List<string>();
        var http = functions.Where(function => function.Trigger?.Type == "httpTrigger").ToList();

        foreach (var route in expected.Routes)
        {
            var serving = http.Where(function => function.Trigger!.Route == route.Template && HasMethod(function.Trigger, route.Method)).ToList();
            if (serving.Count != 1)
            {
                problems.Add($"{route.Method} {route.Template}: {serving.Count} HTTP functions serve it, expected exactly one ({route.Name}).");
                continue;
            }

            var function = serving[0];
            var trigger = function.Trigger!;
            if (function.Name != route.Name)
            {
                problems.Add($"{route.Method} {route.Template}: served by function {function.Name}, expected {route.Name}.");
            }

            if (trigger.Methods.Count != 1)
            {
                problems.Add($"{function.Name}: methods [{string.Join(", ", trigger.Methods)}], expected only {route.Method}.");
            }

            if (!string.Equals(trigger.AuthLevel, route.Access.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{function.Name}: authorization level {trigger.AuthLevel}, expected {route.Access}.");
            }
        }

        foreach (var function in http)
        {
            foreach (var method in function.Trigger!.Methods.DefaultIfEmpty("(any)"))
            {
                if (!expected.Routes.Any(route => route.Template == function.Trigger.Route && string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{function.Name}: serves {method} {function.Trigger.Route}, which is in no Core route table.");
                }
            }
        }

        var serviceBus = functions.Where(function => function.Trigger?.Type == "serviceBusTrigger").ToList();
        foreach (var queue in expected.Queues)
        {
            var count = serviceBus.Count(function => function.Trigger!.QueueName == queue);
            if (count != 1)
            {
                problems.Add($"queue {queue}: {count} Service Bus triggers, expected exactly one.");
            }
        }

        problems.AddRange(serviceBus
            .Where(function => !expected.Queues.Contains(function.Trigger!.QueueName!, StringComparer.Ordinal))
            .Select(function => $"{function.Name}: triggers on queue {function.Trigger!.QueueName}, which QueueNames does not list."));

        CheckDurable(functions, expected.Orchestrators, "orchestrationTrigger", "orchestrator", problems);
        CheckDurable(functions, expected.Activities, "activityTrigger", "activity", problems);
        return problems;
    }

    private static void CheckDurable(IReadOnlyList<MetadataFunction> functions, IReadOnlyList<string> names, string triggerType, string kind, List<string> problems)
    {
        foreach (var name in names)
        {
            var count = functions.Count(function => function.Name == name && function.Trigger?.Type == triggerType);
            if (count != 1)
            {
                problems.Add($"{kind} {name}: {count} functions of that name with an {triggerType}, expected exactly one.");
            }
        }
    }

    private static bool HasMethod(MetadataBinding trigger, string method) =>
        trigger.Methods.Count == 0 || trigger.Methods.Contains(method, StringComparer.OrdinalIgnoreCase);
}
