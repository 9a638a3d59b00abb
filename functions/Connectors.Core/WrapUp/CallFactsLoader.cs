using System.Globalization;
using System.Text;
using Connectors.Core.Calls;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Step 1: reads what the wrap-up needs from the call's session (account, verification level, events)
/// and from the conversation (<see cref="LoadConversation"/>: transcript, intent, amounts).
/// </summary>
public sealed class CallFactsLoader
{
    private readonly ICallSessionStore _sessions;

    public CallFactsLoader(ICallSessionStore sessions)
    {
        _sessions = sessions;
    }

    /// <summary>The call's facts; null when no session exists for it.</summary>
    public async Task<CallFacts?> LoadAsync(string callId, CancellationToken cancellationToken)
    {
        var session = await _sessions.GetAsync(callId, cancellationToken);
        return session is null ? null : Facts(session);
    }

    public async Task<WrapUpConversation?> LoadConversationAsync(string callId, CancellationToken cancellationToken)
    {
        var session = await _sessions.GetAsync(callId, cancellationToken);
        return session is null ? null : LoadConversation(session);
    }

    public static CallFacts Facts(CallSession session)
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
            EventCount = session.Events.Count,
            EventKinds = session.Events.Select(e => e.Kind).Distinct(StringComparer.Ordinal).ToList(),
            Conversation = LoadConversation(session),
        };
    }

    /// <summary>
    /// The conversation's part of the wrap-up. Until a baton carries the redacted transcript, intent and
    /// amounts, the transcript is the call's event log (codes and times only, never PII) and intent and
    /// amounts are unknown.
    /// </summary>
    public static WrapUpConversation LoadConversation(CallSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
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
}
