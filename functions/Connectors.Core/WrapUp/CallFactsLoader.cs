using System.Globalization;
using System.Text;
using Connectors.Core.Baton;
using Connectors.Core.Calls;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Step 1: reads what the wrap-up needs from the call's session (account, verification level, events)
/// and from its baton (<see cref="LoadConversation"/>: the redacted transcript, intent, amounts).
/// </summary>
public sealed class CallFactsLoader
{
    private readonly ICallSessionStore _sessions;
    private readonly BatonStore _batons;

    public CallFactsLoader(ICallSessionStore sessions, BatonStore batons)
    {
        _sessions = sessions;
        _batons = batons;
    }

    /// <summary>The call's facts; null when no session exists for it.</summary>
    public async Task<CallFacts?> LoadAsync(string callId, CancellationToken cancellationToken)
    {
        var (session, baton) = await ReadBothAsync(callId, cancellationToken);
        return session is null ? null : Facts(session, baton);
    }

    /// <summary>
    /// The session and the baton side by side: two round trips in the time of one on the wrap-up's path (each step reads
    /// both); a baton read for a call with no session is the rare price.
    /// </summary>
    private async Task<(CallSession? Session, Baton.Baton? Baton)> ReadBothAsync(string callId, CancellationToken cancellationToken)
    {
        var session = _sessions.GetAsync(callId, cancellationToken);
        var baton = _batons.GetAsync(callId, cancellationToken);
        await Task.WhenAll(session, baton);
        return (await session, await baton);
    }

    public static CallFacts Facts(CallSession session, Baton.Baton? baton)
    {
        ArgumentNullException.ThrowIfNull(session);
        var account = session.SelectedAccountId;
        return new CallFacts
        {
            CallId = session.CallId,
            DryRun = session.DryRun,
            ConnectedAt = session.ConnectedAt,
            AccountId = account,
            VerificationLevel = session.Auth.LevelFor(account),
            // The call's own events: the wrap-up's journal entries would make a later draft differ from the first.
            EventCount = session.Events.Count(e => e.Kind is not (WrapUpSteps.StepEventKind or WrapUpSteps.StartedEventKind)),
            EventKinds = session.Events.Select(e => e.Kind).Distinct(StringComparer.Ordinal).ToList(),
            Conversation = LoadConversation(session, baton),
        };
    }

    /// <summary>
    /// The conversation's part of the wrap-up: the baton's transcript (redacted before it was stored), intent and
    /// amounts. A call with no baton turns (an IVR-only call, or a baton already expired) is recorded with its
    /// event log instead (codes and times only, never PII), and no intent or amounts.
    /// </summary>
    public static WrapUpConversation LoadConversation(CallSession session, Baton.Baton? baton)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (baton is not null && (baton.Turns.Count > 0 || baton.SummarisedOutTurns > 0))
        {
            return FromBaton(baton);
        }

        var transcript = new StringBuilder();
        foreach (var e in session.Events.Where(e => e.Kind != WrapUpSteps.StepEventKind))
        {
            transcript.Append(CultureInfo.InvariantCulture, $"{e.At:HH:mm:ss} {e.Kind}");
            if (e.Detail is not null)
            {
                transcript.Append(CultureInfo.InvariantCulture, $" ({e.Detail})");
            }

            transcript.Append('\n');
        }

        return new WrapUpConversation(transcript.ToString(), Intent: null, Amounts: []);
    }

    private static WrapUpConversation FromBaton(Baton.Baton baton)
    {
        var transcript = new StringBuilder();
        if (baton.Summary is { Length: > 0 } summary)
        {
            transcript.Append(CultureInfo.InvariantCulture, $"Summary: {summary}\n");
        }

        foreach (var turn in baton.Transcript())
        {
            transcript.Append(CultureInfo.InvariantCulture, $"{turn.At:HH:mm:ss} {turn.Speaker}: {turn.Text}\n");
        }

        var amounts = baton.Amounts
            .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Value:0.00} {a.Currency} {a.Label}").TrimEnd())
            .ToList();
        return new WrapUpConversation(transcript.ToString(), baton.Intent, amounts);
    }
}
