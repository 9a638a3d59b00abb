using Connectors.Core.Storage;

namespace Connectors.Core.Auth.Biometrics;

/// <summary>
/// The assertion ids already accepted, per vendor (partition = vendor, row = assertion id). An insert that
/// conflicts is a replay. Rows older than the tolerance are no longer needed (a replay that old is stale).
/// </summary>
public sealed class BiometricReplayStore
{
    public const string TableName = "StepUpBiometricReplays";

    private readonly DocumentTable<SeenAssertion> _table;

    public BiometricReplayStore(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<SeenAssertion>(TableName);
    }

    /// <summary>Remembers the id; false when it was seen before.</summary>
    public async Task<bool> TryRememberAsync(string vendor, string assertionId, string callId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await _table.TryAddAsync(vendor.ToLowerInvariant(), assertionId, new SeenAssertion(callId, at), cancellationToken) is not null;

    private sealed record SeenAssertion(string CallId, DateTimeOffset At);
}
