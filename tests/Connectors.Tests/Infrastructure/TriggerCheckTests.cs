using Connectors.Core.Http;

namespace Connectors.Tests.Infrastructure;

/// <summary>The metadata comparison on a hand-made sample, so it is known to fail where a trigger is missing or wrong, even while Core has no orchestrator yet.</summary>
public sealed class TriggerCheckTests
{
    private static readonly TriggerExpectations Expected = new(
        [
            new EndpointRoute("Health", "GET", "health", EndpointAccess.Anonymous),
            new EndpointRoute("ConnectCall", "POST", "calls/{callId}/connect", EndpointAccess.Function),
        ],
        ["prefetch"],
        ["WrapUpOrchestrator"],
        ["WriteDisposition"]);

    private const string Sample = """
        [
          { "name": "Health", "bindings": [ { "name": "request", "direction": "In", "type": "httpTrigger", "authLevel": "Anonymous", "methods": [ "get" ], "route": "health" }, { "name": "$return", "type": "http", "direction": "Out" } ] },
          { "name": "ConnectCall", "bindings": [ { "name": "request", "direction": "In", "type": "httpTrigger", "authLevel": "Function", "methods": [ "post" ], "route": "calls/{callId}/connect" } ] },
          { "name": "PrefetchQueue", "bindings": [ { "name": "message", "direction": "In", "type": "serviceBusTrigger", "queueName": "prefetch", "connection": "ServiceBusConnection" } ] },
          { "name": "WrapUpOrchestrator", "bindings": [ { "name": "context", "direction": "In", "type": "orchestrationTrigger" } ] },
          { "name": "WriteDisposition", "bindings": [ { "name": "input", "direction": "In", "type": "activityTrigger" } ] }
        ]
        """;

    [Fact]
    public void A_sample_with_every_trigger_right_has_no_problem()
    {
        Assert.Empty(TriggerCheck.Problems(FunctionsMetadata.Parse(Sample), Expected));
    }

    [Theory]
    [InlineData("\"route\": \"health\"", "\"route\": \"healthz\"", "GET health: 0 HTTP functions")]
    [InlineData("\"authLevel\": \"Anonymous\"", "\"authLevel\": \"Function\"", "Health: authorization level Function, expected Anonymous")]
    [InlineData("\"methods\": [ \"post\" ]", "\"methods\": [ \"put\" ]", "POST calls/{callId}/connect: 0 HTTP functions")]
    [InlineData("\"methods\": [ \"post\" ]", "\"methods\": [ \"post\", \"put\" ]", "ConnectCall: methods [post, put], expected only POST")]
    [InlineData("{ \"name\": \"ConnectCall\"", "{ \"name\": \"Connect\"", "served by function Connect, expected ConnectCall")]
    [InlineData("\"queueName\": \"prefetch\"", "\"queueName\": \"prefetch-old\"", "queue prefetch: 0 Service Bus triggers")]
    [InlineData("\"type\": \"orchestrationTrigger\"", "\"type\": \"activityTrigger\"", "orchestrator WrapUpOrchestrator: 0 functions")]
    [InlineData("{ \"name\": \"WriteDisposition\"", "{ \"name\": \"WriteDispositionActivity\"", "activity WriteDisposition: 0 functions")]
    public void A_missing_or_wrong_trigger_is_reported(string original, string replacement, string problem)
    {
        Assert.Contains(original, Sample, StringComparison.Ordinal);
        var problems = TriggerCheck.Problems(FunctionsMetadata.Parse(Sample.Replace(original, replacement, StringComparison.Ordinal)), Expected);

        Assert.Contains(problems, reported => reported.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_function_on_the_same_route_and_an_http_function_core_does_not_know_are_reported()
    {
        var extra = Sample.Replace(
            "\n]",
            """
            ,
              { "name": "ConnectCallAgain", "bindings": [ { "type": "httpTrigger", "authLevel": "Function", "methods": [ "post" ], "route": "calls/{callId}/connect" } ] },
              { "name": "Debug", "bindings": [ { "type": "httpTrigger", "authLevel": "Anonymous", "methods": [ "get" ], "route": "debug" } ] }
            ]
            """,
            StringComparison.Ordinal);
        var problems = TriggerCheck.Problems(FunctionsMetadata.Parse(extra), Expected);

        Assert.Contains(problems, reported => reported.Contains("POST calls/{callId}/connect: 2 HTTP functions", StringComparison.Ordinal));
        Assert.Contains(problems, reported => reported.Contains("Debug: serves get debug, which is in no Core route table", StringComparison.Ordinal));
    }
}
