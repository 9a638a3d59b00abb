using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Starts a call's wrap-up exactly once, in both hosts: the instance id is derived from the call id and the first
/// start dedupes every status, so it never replaces anything (<c>OrchestrationAlreadyExistsException</c> means
/// "already started"). What exists already is then resumed by one rule (<see cref="ResumeAsync"/>): a failed or
/// terminated run starts again at its step; a recorded call whose disposition changed since (a late answer, a late
/// end) gets that change written to the same record. The call stays in the open-call index until it is recorded or
/// parked, so the abandoned-call sweep, which comes here too, retries whatever a crash left behind.
/// </summary>
public sealed partial class WrapUpStarter
{
    /// <summary>The first start replaces nothing: every status of an existing instance refuses it.</summary>
    public static readonly OrchestrationRuntimeStatus[] DedupeStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>A run that resumes (a replay, a restart, an amendment) replaces a finished run, never a live one.</summary>
    public static readonly OrchestrationRuntimeStatus[] ResumeDedupeStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    private static readonly TimeSpan FinishingRunPatience = TimeSpan.FromSeconds(15);

    private readonly ICallSessionStore _sessions;
    private readonly OpenCallIndex _open;
    private readonly WrapUpDispositionStore _dispositions;
    private readonly WrapUpResumeClaims _claims;
    private readonly WrapUpMetrics _metrics;
    private readonly IOptionsMonitor<WrapUpOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Signals.EndedCallIndex _ended;

    public WrapUpStarter(ICallSessionStore sessions, OpenCallIndex open, WrapUpDispositionStore dispositions, WrapUpResumeClaims claims, WrapUpMetrics metrics, IOptionsMonitor<WrapUpOptions> options, TimeProvider time, ILogger<WrapUpStarter> logger, Signals.EndedCallIndex ended)
    {
        _claims = claims;
        _ended = ended;
        _sessions = sessions;
        _open = open;
        _dispositions = dispositions;
        _metrics = metrics;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Starts the wrap-up unless it already was; true when this call started it. A repeat resumes what needs it (see
    /// the class). An end after an abandoned sweep makes the recorded call's record follow the real outcome.
    /// 404 problem when the call never connected.
    /// </summary>
    public async Task<bool> StartAsync(DurableTaskClient client, string callId, string trigger, bool humanTookCall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        CallId.Validate(callId);
        var session = await _sessions.GetAsync(callId, cancellationToken)
            ?? throw new ProblemException(404, "call-not-found", "Call not found", $"No call '{callId}' has connected, so there is nothing to wrap up.");
        await _dispositions.OpenAsync(callId, trigger, humanTookCall, cancellationToken);
        var input = new WrapUpInput(callId, trigger, humanTookCall, session.EndedAt ?? _time.GetUtcNow(), WrapUpPolicy.From(_options.CurrentValue));
        await _ended.AddAsync(callId, input.EndedAt, cancellationToken); // indexed first: a start that then fails is a void the signals can see
        if (await ScheduleAsync(client, input, DedupeStatuses, cancellationToken))
        {
            _metrics.CallCompleted();
            await _sessions.UpdateAsync(callId, s => s.WithEvent(_time.GetUtcNow(), WrapUpSteps.StartedEventKind, trigger), cancellationToken);
            LogStarted(callId, trigger, humanTookCall);
            return true;
        }

        if (trigger == WrapUpInput.Ended && await _dispositions.EndedAfterAbandonedAsync(callId, humanTookCall, cancellationToken) is { Behind: true })
        {
            LogEndedAfterAbandoned(callId);
        }

        await ResumeAsync(client, callId, cancellationToken);
        return false;
    }

    /// <summary>
    /// Resumes the call's wrap-up where it needs it: a failed or terminated run starts again at its step; a recorded
    /// call whose disposition changed since gets a run that writes the change to the same record (marked late). A live
    /// run is left alone (it writes every change before it closes). True when a run was started.
    /// </summary>
    public async Task<bool> ResumeAsync(DurableTaskClient client, string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = WrapUpInstance.IdFor(callId);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (metadata?.ReadInputAs<WrapUpInput>() is not { } input)
            {
                return false;
            }

            var progress = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<WrapUpProgress>();
            WrapUpInput next;
            switch (metadata.RuntimeStatus)
            {
                case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                    next = input.GoOnAt(progress?.Step ?? WrapUpSteps.Load, progress);
                    break;
                case OrchestrationRuntimeStatus.Completed when metadata.ReadOutputAs<WrapUpResult>() is { Status: WrapUpResult.Recorded }:
                    if (await _dispositions.GetAsync(callId, cancellationToken) is not { Behind: true })
                    {
                        return false;
                    }

                    // Until the change is written the call is open again, so the sweep retries it should this start not happen.
                    await _open.AddAsync(callId, _time.GetUtcNow(), cancellationToken);
                    next = input.GoOnAt(WrapUpSteps.Upsert, progress);
                    break;
                case OrchestrationRuntimeStatus.Running when attempt == 0:
                    if (await _dispositions.GetAsync(callId, cancellationToken) is not { Recorded: true, Behind: true })
                    {
                        return false;
                    }

                    // The run closed the call just before the change came and is finishing: let it finish, then amend.
                    await _open.AddAsync(callId, _time.GetUtcNow(), cancellationToken);
                    await WaitToFinishAsync(client, instanceId, cancellationToken);
                    continue;
                default:
                    return false;
            }

            if (!await _claims.TryClaimAsync(callId, metadata.LastUpdatedAt, cancellationToken))
            {
                // Another resume of this very run (a second replay, the sweep) got there first.
                return false;
            }

            bool started;
            try
            {
                started = await ScheduleAsync(client, next, ResumeDedupeStatuses, cancellationToken);
            }
            catch
            {
                await _claims.ReleaseAsync(callId, metadata.LastUpdatedAt, CancellationToken.None);
                throw;
            }

            if (started)
            {
                LogResumed(callId, next.Progress!.Step, metadata.RuntimeStatus.ToString());
                return true;
            }
        }

        return false;
    }

    /// <summary>The one scheduling rule of both hosts; false when an instance in one of <paramref name="dedupeStatuses"/> exists.</summary>
    public static async Task<bool> ScheduleAsync(DurableTaskClient client, WrapUpInput input, OrchestrationRuntimeStatus[] dedupeStatuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        var options = new StartOrchestrationOptions(WrapUpInstance.IdFor(input.CallId)).WithDedupeStatuses(dedupeStatuses);
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

    private static async Task WaitToFinishAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(FinishingRunPatience);
        try
        {
            await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, patience.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still running: the open-call index keeps the call, so the sweep comes back to it.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrap-up of call {CallId} started ({Trigger}, human took the call: {HumanTookCall})")]
    private partial void LogStarted(string callId, string trigger, bool humanTookCall);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrap-up of call {CallId} goes on at step {Step} (it was {RuntimeStatus})")]
    private partial void LogResumed(string callId, string step, string runtimeStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ended after it was wrapped up as abandoned; its record follows the real outcome")]
    private partial void LogEndedAfterAbandoned(string callId);
}
