using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connectors.Simulators.EventReceiver;

/// <summary>
/// A customer's endpoint for outbound call events, as a CloudEvents webhook receiver behaves: <c>POST /events</c> with a
/// structured-mode CloudEvent (<c>application/cloudevents+json</c>), 200 when taken. Faults answer 503/429 or drop the
/// connection before anything is taken; a late answer takes the event, then answers after the sender gave up (so the
/// sender delivers it again, with the same id). Every delivery is counted, accepted or not.
/// </summary>
public sealed class EventReceiverSimulator : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEvent> _received = new();
    private int _attempts;

    public SimulatorServer Server { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Where the sender posts.</summary>
    public Uri EventsUrl => new(BaseAddress, "events");

    public FaultInjector Faults { get; } = new();

    public FaultScript Script { get; } = new();

    public RequestRecorder Requests { get; } = new();

    /// <summary>Events taken, in arrival order, redeliveries included.</summary>
    public IReadOnlyList<ReceivedEvent> Received => _received.ToList();

    /// <summary>Every POST that reached the receiver, faulted ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public static async Task<EventReceiverSimulator> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new EventReceiverSimulator();
        simulator.Server = await SimulatorServer.StartAsync(app =>
        {
            app.MapPost("/events", simulator.ReceiveAsync);
            app.MapGet("/_sim/events", () => TypedResults.Ok(simulator.Received));
            app.MapFaultControl(simulator.Faults);
        }, port, cancellationToken: cancellationToken);
        return simulator;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _attempts);
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        Requests.Record(context, body, null, body);
        var fault = await SimulatedFault.DecideAsync(Script, Faults, context);
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return;
            case FaultKind.Outage or FaultKind.ServerError:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            case FaultKind.Throttle:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Faults.Profile.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return;
        }

        var contentType = context.Request.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/cloudevents+json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        string id, type;
        string? subject;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.GetProperty("specversion").GetString() != "1.0")
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            id = root.GetProperty("id").GetString()!;
            type = root.GetProperty("type").GetString()!;
            subject = root.TryGetProperty("subject", out var s) ? s.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        _received.Enqueue(new ReceivedEvent(id, type, subject, context.Request.Headers["X-Connectors-Signature"].ToString(), contentType, body, DateTimeOffset.UtcNow));
        if (fault.Kind == FaultKind.LateAnswer)
        {
            await SimulatedFault.AnswerLateAsync(Faults, context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
