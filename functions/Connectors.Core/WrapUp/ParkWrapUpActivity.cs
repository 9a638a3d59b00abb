using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Parks a wrap-up that cannot go on: listed for replay, logged at error, counted; then the call leaves the open-call
/// index (only then: should parking fail, the index keeps the call and the abandoned-call sweep starts it again).
/// A wrap-up still parked when its replay wait runs out is parked again: listed, not logged or counted twice.
/// </summary>
public sealed partial class ParkWrapUpActivity : TaskActivity<ParkedWrapUp, bool>
{
    private readonly ParkedWrapUpStore _parked;
    private readonly OpenCallIndex _open;
    private readonly WrapUpMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Events.CallEventEmitter _events;

    public ParkWrapUpActivity(ParkedWrapUpStore parked, OpenCallIndex open, WrapUpMetrics metrics, ILogger<ParkWrapUpActivity> logger, Events.CallEventEmitter events)
    {
        _events = events;
        _parked = parked;
        _open = open;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<bool> RunAsync(TaskActivityContext context, ParkedWrapUp input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<bool> ExecuteAsync(ParkedWrapUp input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await _parked.ParkAsync(input, cancellationToken))
        {
            LogParked(input.CallId, input.Step, input.Reason, input.LastError);
            _metrics.Parked(input.Reason);
        }

        await _events.EmitAsync(Events.CallEventTypes.WrapUpParked, input.CallId, input.ParkedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string> { ["step"] = input.Step, ["reason"] = input.Reason }, cancellationToken);
        await _open.RemoveAsync(input.CallId, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Wrap-up of call {CallId} parked at step {Step} ({Reason}): {LastError}; it waits for a replay.")]
    private partial void LogParked(string callId, string step, string reason, string? lastError);
}
