using System.Text.RegularExpressions;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Http;
using Connectors.Core.Observability;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Baton;

/// <summary>
/// The human agent answered: pops the latest transfer's CRM record on their screen (Zendesk Talk pushes it to the
/// agent's browser; Salesforce answers the address the agent's CTI opens) and records who answered. Safe to repeat,
/// and a second transfer pops the same context for the next agent.
/// </summary>
public sealed partial class BatonAnswerService
{
    private readonly ICallSessionStore _sessions;
    private readonly BatonStore _batons;
    private readonly ICrmConnector _crm;
    private readonly TimeProvider _time;
    private readonly ILogger<BatonAnswerService> _logger;

    private readonly CallActivity _activity;
    private readonly Events.CallEventEmitter _events;

    public BatonAnswerService(ICallSessionStore sessions, BatonStore batons, ICrmConnector crm, TimeProvider time, ILogger<BatonAnswerService> logger, CallActivity activity, Events.CallEventEmitter events)
    {
        _activity = activity;
        _events = events;
        _sessions = sessions;
        _batons = batons;
        _crm = crm;
        _time = time;
        _logger = logger;
    }

    public async Task<BatonAnswerResult> AnswerAsync(string callId, BatonAnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CallId.Validate(callId);
        var agentId = request.AgentId?.Trim();
        if (agentId is null || !AgentPattern().IsMatch(agentId))
        {
            throw new ProblemException(400, "invalid-agent", "Invalid agent", "'agentId' is the CRM's id of the agent who answered: 1 to 128 letters, digits, '.', '_', '@' and '-'.");
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object> { [ConnectorsTelemetry.CallIdScopeKey] = callId });
        var session = await _sessions.GetAsync(callId, cancellationToken) ?? throw BatonWriter.CallNotFound(callId);
        var baton = await _batons.GetAsync(callId, cancellationToken);
        var latest = baton?.Transfers.MaxBy(t => t.Version)
            ?? throw new ProblemException(409, "no-transfer", "No transfer", $"Call '{callId}' has not been transferred; POST /api/calls/{callId}/transfer first.");

        var now = _time.GetUtcNow();
        var answered = await _batons.UpdateAsync(callId, () => baton!, current => Answer(current, latest.Version, agentId, now), cancellationToken);
        if (answered.UpdatedAt != now)
        {
            // A repeated answer writes nothing to the baton, but it is activity all the same.
            await _activity.NoteAsync(session, cancellationToken);
        }
        await _events.EmitAsync(Events.CallEventTypes.TransferAnswered, callId, latest.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string> { ["agentId"] = agentId, ["version"] = latest.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);

        if (latest.CrmRecordType is null || latest.CrmRecordId is null)
        {
            return new BatonAnswerResult(callId, latest.Version, agentId, false, null, null, null, "no-crm-record");
        }

        ScreenPopResult pop;
        try
        {
            pop = await _crm.PopRecordAsync(new ScreenPopRequest(agentId, latest.CrmRecordType, latest.CrmRecordId), new CrmCallContext(callId, session.DryRun), cancellationToken);
        }
        catch (CrmUnavailableException)
        {
            pop = new ScreenPopResult(false, null, "crm-unavailable");
        }
        catch (CrmRejectedException)
        {
            pop = new ScreenPopResult(false, null, "crm-rejected");
        }

        _logger.LogInformation("Transfer v{Version} answered; screen pop delivered: {Delivered}", latest.Version, pop.Delivered);
        return new BatonAnswerResult(callId, latest.Version, agentId, pop.Delivered, latest.CrmRecordType, latest.CrmRecordId, pop.Url, pop.Reason);
    }

    private static Baton? Answer(Baton current, int version, string agentId, DateTimeOffset now)
    {
        BatonWriter.RefuseIfRecorded(current);
        var transfer = current.Transfers.FirstOrDefault(t => t.Version == version);
        if (transfer is null || transfer.AnsweredBy == agentId)
        {
            return null;
        }

        return current with
        {
            UpdatedAt = now,
            Transfers = [.. current.Transfers.Select(t => t.Version == version ? t with { AnsweredBy = agentId, AnsweredAt = now } : t)],
        };
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex AgentPattern();
}
