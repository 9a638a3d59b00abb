using System.Text.Json;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Http;

public sealed class ProblemResultsWriteTests
{
    [Fact]
    public async Task A_problem_a_handler_throws_is_written_as_problem_details_and_not_logged_as_an_error()
    {
        var context = NewContext();
        var logger = new FakeLogger();

        await ProblemResults.WriteAsync(context, new ProblemException(409, "baton-conflict", "Baton changed", "Another agent took the call first."), logger);

        Assert.Equal(409, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        using var body = await ReadBodyAsync(context);
        Assert.Equal("urn:connectors:problem:baton-conflict", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("Another agent took the call first.", body.RootElement.GetProperty("detail").GetString());
        Assert.Empty(Errors(logger));
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_a_500_that_reveals_nothing_and_is_logged()
    {
        var context = NewContext();
        var logger = new FakeLogger();
        var failure = new InvalidOperationException("Endpoint=sb://internal-host;SharedAccessKey=leaked");

        await ProblemResults.WriteAsync(context, failure, logger);

        Assert.Equal(500, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.DoesNotContain("leaked", text, StringComparison.Ordinal);
        Assert.Same(failure, Assert.Single(Errors(logger)));
    }

    [Fact]
    public async Task A_response_already_under_way_is_left_alone_and_the_failure_is_logged()
    {
        var context = NewContext();
        context.Response.StatusCode = 200;
        context.Features.Set<IHttpResponseFeature>(new StartedResponseFeature());
        var logger = new FakeLogger();

        await ProblemResults.WriteAsync(context, new ProblemException(404, "call-not-found", "Call not found", "No such call."), logger);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Single(Errors(logger));
    }

    [Fact]
    public async Task Contention_that_outlasts_the_retries_is_a_retryable_409_with_retry_after_and_not_an_incident()
    {
        var context = NewContext();
        var logger = new FakeLogger();

        await ProblemResults.WriteAsync(context, new Connectors.Core.Storage.StateContendedException("CallSessions CA1/session kept changing."), logger);

        Assert.Equal(409, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        using var body = await ReadBodyAsync(context);
        Assert.Equal("urn:connectors:problem:call-busy", body.RootElement.GetProperty("type").GetString());
        Assert.Empty(Errors(logger));
    }

    private static List<Exception?> Errors(FakeLogger logger) =>
        [.. logger.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Error).Select(r => r.Exception)];

    private static DefaultHttpContext NewContext() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        Request = { Path = "/api/calls/call-7/baton" },
        Response = { Body = new MemoryStream() },
    };

    private static async Task<JsonDocument> ReadBodyAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return await JsonDocument.ParseAsync(context.Response.Body);
    }

    private sealed class StartedResponseFeature : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
