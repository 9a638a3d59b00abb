using System.Collections.Concurrent;
using Connectors.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connectors.Tests.Crm.Resilience;

/// <summary>
/// A CRM stand-in over real HTTP that answers each request with the next scripted reply (the last one
/// repeats), and counts what it received: the pipeline's behaviour is judged by what reached the server.
/// </summary>
public sealed class ScriptedCrmServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private Func<HttpContext, Task> _last = context => Task.CompletedTask;
    private SimulatorServer _server = null!;
    private int _received;

    public Uri BaseAddress => _server.BaseAddress;

    public int Received => Volatile.Read(ref _received);

    public static async Task<ScriptedCrmServer> StartAsync()
    {
        var server = new ScriptedCrmServer();
        server._server = await SimulatorServer.StartAsync(app => app.Run(server.AnswerAsync));
        return server;
    }

    /// <summary>Answers in this order; the last answer repeats for any further request.</summary>
    public ScriptedCrmServer Then(params Func<HttpContext, Task>[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }

        return this;
    }

    public static Func<HttpContext, Task> Status(int status, Action<HttpResponse>? headers = null) => context =>
    {
        context.Response.StatusCode = status;
        headers?.Invoke(context.Response);
        return context.Response.WriteAsync("{}");
    };

    public static Func<HttpContext, Task> Drop() => context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>Answers only after <paramref name="howLong"/>, or never if the client gives up first.</summary>
    public static Func<HttpContext, Task> Hang(TimeSpan howLong) => async context =>
    {
        try
        {
            await Task.Delay(howLong, context.RequestAborted);
            context.Response.StatusCode = 200;
        }
        catch (OperationCanceledException)
        {
            // The client timed out and left.
        }
    };

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _received);
        if (_script.TryDequeue(out var reply))
        {
            _last = reply;
        }

        return _last(context);
    }
}
