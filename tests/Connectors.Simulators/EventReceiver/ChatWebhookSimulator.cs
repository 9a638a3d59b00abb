using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connectors.Simulators.EventReceiver;

/// <summary>
/// A Teams or Slack incoming webhook as both behave for a plain message: <c>POST /webhook</c> with JSON
/// <c>{"text": …}</c>, 200 with a short text body; 400 for a body without text. Faults answer 503 or drop.
/// </summary>
public sealed class ChatWebhookSimulator : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _messages = new();

    public SimulatorServer Server { get; private set; } = null!;

    public Uri WebhookUrl => new(Server.BaseAddress, "webhook");

    public FaultInjector Faults { get; } = new();

    public FaultScript Script { get; } = new();

    /// <summary>The texts taken, in order.</summary>
    public IReadOnlyList<string> Messages => _messages.ToList();

    public static async Task<ChatWebhookSimulator> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new ChatWebhookSimulator();
        simulator.Server = await SimulatorServer.StartAsync(app =>
        {
            app.MapPost("/webhook", simulator.PostAsync);
            app.MapGet("/_sim/messages", () => TypedResults.Ok(simulator.Messages));
            app.MapFaultControl(simulator.Faults);
        }, port, cancellationToken: cancellationToken);
        return simulator;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task PostAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var fault = await SimulatedFault.DecideAsync(Script, Faults, context);
        if (fault.Kind == FaultKind.Drop)
        {
            context.Abort();
            return;
        }

        if (fault.Kind is FaultKind.Outage or FaultKind.ServerError or FaultKind.Throttle)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        string? text = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            text = json.RootElement.TryGetProperty("text", out var t) ? t.GetString() : null;
        }
        catch (JsonException)
        {
        }

        if (string.IsNullOrEmpty(text))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("invalid_payload", context.RequestAborted);
            return;
        }

        _messages.Enqueue(text);
        await context.Response.WriteAsync("ok", context.RequestAborted);
    }
}
