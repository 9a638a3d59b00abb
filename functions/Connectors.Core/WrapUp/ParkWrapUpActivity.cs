using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.WrapUp;

/// <summary>Parks a wrap-up that cannot go on: listed for replay, logged at error, counted. Never dropped.</summary>
public sealed partial class ParkWrapUpActivity : TaskActivity<ParkedWrapUp, bool>
{
    private readonly ParkedWrapUpStore _parked;
    private readonly WrapUpMetrics _metrics;
    private readonly ILogger _logger;

    public ParkWrapUpActivity(ParkedWrapUpStore parked, WrapUpMetrics metrics, ILogger<ParkWrapUpActivity> logger)
    {
        _parked = parked;
        _metrics = metrics;
        _logger = logger;
    }

    public override async Task<bool> RunAsync(TaskActivityContext context, ParkedWrapUp input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _parked.ParkAsync(input, CancellationToken.None);
        LogParked(input.CallId, input.Step, input.Reason, input.LastError);
        _metrics.Parked(input.Reason);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Wrap-up of call {CallId} parked at step {Step} ({Reason}): {LastError}; it waits for a replay.")]
    private partial void LogParked(string callId, string step, string reason, string? lastError);
}
