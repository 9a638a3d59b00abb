using Connectors.Core.Storage;

namespace Connectors.Core.Baton;

/// <summary>Sealed transfers keyed by the SHA-256 of their agent token (partition = hash): the token is never stored.</summary>
public sealed class BatonSealStore
{
    public const string TableName = "BatonSeals";
    private const string RowKey = "seal";

    private readonly DocumentTable<BatonSeal> _table;

    public BatonSealStore(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<BatonSeal>(TableName);
    }

    public async Task<BatonSeal?> GetAsync(string tokenHash, CancellationToken cancellationToken) =>
        (await _table.GetAsync(tokenHash, RowKey, cancellationToken))?.Value;

    public async Task SaveAsync(string tokenHash, BatonSeal seal, CancellationToken cancellationToken) =>
        await _table.UpsertAsync(tokenHash, RowKey, seal, cancellationToken);

    public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken) =>
        _table.DeleteAsync(tokenHash, RowKey, cancellationToken);
}
