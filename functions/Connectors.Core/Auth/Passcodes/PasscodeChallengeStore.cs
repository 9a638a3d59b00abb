using Connectors.Core.Storage;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>The call's current challenge in Table Storage: partition = call id, one row.</summary>
public sealed class PasscodeChallengeStore
{
    public const string TableName = "StepUpPasscodes";
    private const string RowKey = "challenge";

    private readonly DocumentTable<PasscodeChallenge> _table;

    public PasscodeChallengeStore(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<PasscodeChallenge>(TableName);
    }

    public async Task<PasscodeChallenge?> GetAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.GetAsync(callId, RowKey, cancellationToken))?.Value;

    /// <summary>Replaces whatever code the call had: only the latest code can pass.</summary>
    public Task PutAsync(string callId, PasscodeChallenge challenge, CancellationToken cancellationToken) =>
        _table.UpsertAsync(callId, RowKey, challenge, cancellationToken);

    /// <summary>Read, decide, write under the ETag, deciding again if another entry got there first.</summary>
    public async Task<PasscodeCheck?> CheckAsync(string callId, Func<PasscodeChallenge, PasscodeCheck> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        PasscodeCheck? decision = null;
        var stored = await _table.UpdateAsync(callId, RowKey, current =>
        {
            // Runs again on an ETag conflict; the decision of the run that wrote (or left it alone) is the answer.
            decision = decide(current);
            return decision.Next;
        }, cancellationToken);
        return stored is null ? null : decision;
    }

    /// <summary>Marks the challenge of send <paramref name="sendNumber"/> as never delivered (a newer one is left alone).</summary>
    public Task MarkNotDeliveredAsync(string callId, PasscodeChannel channel, int sendNumber, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpdateAsync(callId, RowKey, current =>
            current.Channel == channel && current.SendNumber == sendNumber && current.Status == PasscodeChallengeStatus.Active
                ? current with { Status = PasscodeChallengeStatus.NotDelivered, ClosedAt = at }
                : null,
            cancellationToken);
}
