using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Starts a call's wrap-up exactly once, in both hosts: the instance id is derived from the call id, the
/// start dedupes every live or completed status, and <c>OrchestrationAlreadyExistsException</c> means
/// "already started" (a failed or terminated wrap-up may be started again; its steps are idempotent).
/// </summary>
public sealed partial class WrapUpStarter
{
    /// <summary>The statuses a second start must not replace: a running wrap-up, or one that recorded the call.</summary>
    public static readonly OrchestrationRuntimeStatus[] DedupeStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed,
    ];

    private readonly ICallSessionStore _sessions;
    private readonly OpenCallIndex _open;
    private readonly WrapUpMetrics _metrics;
    private readonly IOptionsMonitor<WrapUpOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Signals.EndedCallIndex _ended;

    public WrapUpStarter(ICallSessionStore sessions, OpenCallIndex open, WrapUpMetrics metrics, IOptionsMonitor<WrapUpOptions> options, TimeProvider time, ILogger<WrapUpStarter> logger, Signals.EndedCallIndex ended)
    {
        _ended = ended;
        _sessions = sessions;
        _open = open;
        _metrics = metrics;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts the wrap-up unless it already was; true when this call started it. 404 problem when the call never connected.</summary>
    public async Task<bool> StartAsync(DurableTaskClient client, string callId, string trigger, bool humanTookCall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        CallId.Validate(callId);
        var session = await _sessions.GetAsync(callId, cancellationToken)
            ?? throw new ProblemException(404, "call-not-found", "Call not found", $"No call '{callId}' has connected, so there is nothing to wrap up.");
        var input = new WrapUpInput(callId, trigger, humanTookCall, session.EndedAt ?? _time.GetUtcNow(), WrapUpPolicy.From(_options.CurrentValue));
        await _ended.AddAsync(callId, input.EndedAt, cancellationToken); // indexed first: a start that then fails is a void the signals can see
        var started = await ScheduleAsync(client, input, cancellationToken);
        if (started)
        {
            _metrics.CallCompleted();
            await _sessions.UpdateAsync(callId, s => s.WithEvent(_time.GetUtcNow(), WrapUpSteps.StartedEventKind, trigger), cancellationToken);
            LogStarted(callId, trigger, humanTookCall);
        }

        await _open.RemoveAsync(callId, cancellationToken);
        return started;
    }

    /// <summary>The one scheduling rule of both hosts; false when an instance in a dedupe status exists.</summary>
    public static async Task<bool> ScheduleAsync(DurableTaskClient client, WrapUpInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        var options = new StartOrchestrationOptions(WrapUpInstance.IdFor(input.CallId)).WithDedupeStatuses(DedupeStatuses);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(WrapUpOrchestrator), input, options, cancellationToken);
            return true;
        }
        catch (global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrap-up of call {CallId} started ({Trigger}, human took the call: {HumanTookCall})")]
    private partial void LogStarted(string callId, string trigger, bool humanTookCall);
}
