using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Policy;
using Connectors.Core.Calls;

namespace Connectors.Core.Baton;

/// <summary>
/// Builds the agent's view at transfer time. Who the caller is, how far they verified and which account fields show
/// come from the session and the account gate, never from a baton writer: a field shows only when some action of the
/// policy that opens it is allowed for the selected account.
/// </summary>
public sealed class BatonViewBuilder
{
    private readonly AccountGate _gate;

    public BatonViewBuilder(AccountGate gate)
    {
        _gate = gate;
    }

    public BatonView Build(CallSession session, Baton baton, BatonTransfer transfer, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(baton);
        ArgumentNullException.ThrowIfNull(transfer);
        var decisions = _gate.Actions.Select(action => _gate.Decide(session, action)).ToList();
        var level = decisions.Select(d => d.LevelReached).DefaultIfEmpty(AssuranceLevel.None).Max();
        var verified = session.SelectedAccountId is not null && level > AssuranceLevel.None;
        var account = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (verified && session.Account is { } cached && string.Equals(cached.Snapshot.AccountId, session.SelectedAccountId, StringComparison.Ordinal))
        {
            var fields = decisions.Where(d => d.IsAllowed).SelectMany(d => d.VisibleFields);
            foreach (var (name, value) in AccountFields.Project(cached.Snapshot, fields))
            {
                account[name] = value;
            }
        }

        return new BatonView
        {
            CallId = session.CallId,
            Version = transfer.Version,
            Reason = transfer.Reason,
            Target = transfer.Target,
            Caller = MaskPhone(session.CallerE164),
            VerificationLevel = Wire(level),
            VerificationMethods = verified ? [.. session.Auth.MethodsPassedFor(session.SelectedAccountId).Select(Wire)] : [],
            Verifications = verified
                ? [.. session.Auth.Passes.Where(p => p.AccountId == session.SelectedAccountId).OrderBy(p => p.At).Select(p => new BatonVerification(Wire(p.Method), Wire(p.Level), p.At))]
                : [],
            AccountId = verified ? session.SelectedAccountId : null,
            Account = account,
            Intent = baton.Intent,
            Summary = baton.Summary,
            Amounts = baton.Amounts,
            Notes = baton.Notes,
            Transcript = baton.Transcript(),
            CrmRecordType = transfer.CrmRecordType,
            CrmRecordId = transfer.CrmRecordId,
            SealedAt = transfer.At,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>Account, verification level, intent and transcript all present: the human need not ask again.</summary>
    public static bool IsComplete(BatonView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.AccountId is not null
            && view.VerificationLevel != Wire(AssuranceLevel.None)
            && !string.IsNullOrWhiteSpace(view.Intent)
            && view.Transcript.Any(t => t.Speaker != BatonTranscriptCap.MarkerSpeaker);
    }

    internal static string? MaskPhone(string? e164) =>
        e164 is { Length: >= 4 } ? "***" + e164[^4..] : null;

    private static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
