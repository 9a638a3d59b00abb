using Azure;
using Azure.Data.Tables;
using Connectors.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Retries;

/// <summary>
/// The first answer to each signed or keyed platform request, per sender (partition = sender, row = request id), with a
/// keyed hash of what was sent. One class opened once per table (<see cref="RequestReplayStores"/>): the signed webhooks,
/// the biometric verdicts, Twilio's idempotency tokens. A request claims its row first (insert-if-absent, state
/// <c>pending</c>), so two identical retries arriving at once run once. Rows carry <c>ExpiresAt</c> as a property of its
/// own (Table Storage has no TTL), so the sweep asks the service for what is due instead of reading every row.
/// </summary>
public sealed class RequestReplayStore
{
    /// <summary>Edm.Binary holds at most 64 KiB; a larger answer is not stored (its request is run again on a retry).</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    private const string Pending = "pending";
    private const string Answered = "answered";
    private const string Rerun = "rerun";
    private const int MaxClaimRounds = 5;

    private readonly TableClient _client;
    private readonly TimeProvider _time;
    private readonly IOptions<RequestReplayOptions> _options;
    private Task? _created;

    public RequestReplayStore(DocumentTableFactory tables, string tableName, TimeProvider time, IOptions<RequestReplayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _client = tables.GetTableClient(tableName);
        TableKeyValidator.ValidateTableName(_client.Name);
        _time = time;
        _options = options;
    }

    public string TableName => _client.Name;

    /// <summary>
    /// Claims <paramref name="requestId"/> for <paramref name="sender"/>, or says what holds it. An expired row, or a claim
    /// older than <see cref="RequestReplayOptions.ClaimTimeout"/> that never got its answer, is taken over.
    /// </summary>
    public async Task<ReplayClaim> ClaimAsync(string sender, string requestId, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sender);
        ArgumentException.ThrowIfNullOrEmpty(bodyHash);
        var partition = sender.ToLowerInvariant();
        TableKeyValidator.ValidateKey(nameof(TableEntity.PartitionKey), partition);
        TableKeyValidator.ValidateKey(nameof(TableEntity.RowKey), requestId);
        await EnsureTableAsync(cancellationToken);
        var options = _options.Value;
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var now = _time.GetUtcNow();
            var claim = new TableEntity(partition, requestId)
            {
                ["State"] = Pending,
                ["BodyHash"] = bodyHash,
                ["ClaimedAt"] = now,
                ["ExpiresAt"] = now + options.AnswerLifetime,
            };
            try
            {
                var added = await _client.AddEntityAsync(claim, cancellationToken);
                return new ReplayClaim(ReplayClaimState.Claimed, partition, requestId, added.Headers.ETag?.ToString() ?? string.Empty);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Held: read what holds it below.
            }
            catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
            {
                throw TableFailures.Describe($"Claiming in '{TableName}'", ex);
            }

            var found = await TableFailures.GuardAsync($"Reading from '{TableName}'",
                () => _client.GetEntityIfExistsAsync<TableEntity>(partition, requestId, cancellationToken: cancellationToken), cancellationToken);
            if (!found.HasValue)
            {
                continue; // released or swept between the insert and the read: claim again
            }

            var row = found.Value!;
            var state = row.GetString("State");
            var expired = row.GetDateTimeOffset("ExpiresAt") is not { } expiresAt || expiresAt <= now;
            var abandoned = state == Pending && (row.GetDateTimeOffset("ClaimedAt") is not { } claimedAt || claimedAt + options.ClaimTimeout <= now);
            if (expired || abandoned)
            {
                try
                {
                    var taken = await _client.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken);
                    return new ReplayClaim(ReplayClaimState.Claimed, partition, requestId, taken.Headers.ETag?.ToString() ?? string.Empty);
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    continue; // someone else took it over first
                }
                catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
                {
                    throw TableFailures.Describe($"Taking over in '{TableName}'", ex);
                }
            }

            if (!string.Equals(row.GetString("BodyHash"), bodyHash, StringComparison.Ordinal))
            {
                return new ReplayClaim(ReplayClaimState.Mismatch, partition, requestId, row.ETag.ToString());
            }

            return state switch
            {
                Answered => new ReplayClaim(ReplayClaimState.Answered, partition, requestId, row.ETag.ToString(),
                    new StoredAnswer(row.GetBoolean("IsProblem") ?? false, row.GetBinary("Answer") ?? [])),
                Rerun => new ReplayClaim(ReplayClaimState.Rerun, partition, requestId, row.ETag.ToString()),
                _ => new ReplayClaim(ReplayClaimState.InProgress, partition, requestId, row.ETag.ToString()),
            };
        }

        throw new StateContendedException($"'{TableName}' {partition}/{requestId} kept changing under {MaxClaimRounds} attempts to claim it.");
    }

    /// <summary>
    /// Records the claimed request's answer (null: not storable, so a retry runs it again). A claim that was taken over
    /// in the meantime writes nothing: the successor's answer stands.
    /// </summary>
    public async Task CompleteAsync(ReplayClaim claim, StoredAnswer? answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var row = new TableEntity(claim.PartitionKey, claim.RowKey) { ["State"] = answer is null ? Rerun : Answered };
        if (answer is not null)
        {
            row["IsProblem"] = answer.IsProblem;
            row["Answer"] = answer.Json;
        }

        try
        {
            // Merge: the hash, the claim time and the expiry stay as claimed.
            await _client.UpdateEntityAsync(row, new ETag(claim.ETag), TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over (this claim outlived ClaimTimeout) or swept: the row is someone else's now.
        }
        catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
        {
            throw TableFailures.Describe($"Recording an answer in '{TableName}'", ex);
        }
    }

    /// <summary>Gives the id back after a failure that is not an answer (storage down, contention), so the retry runs.</summary>
    public async Task ReleaseAsync(ReplayClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            await _client.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, new ETag(claim.ETag), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone or someone else's.
        }
        catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
        {
            throw TableFailures.Describe($"Releasing a claim in '{TableName}'", ex);
        }
    }

    /// <summary>Deletes the rows whose <c>ExpiresAt</c> has passed; returns how many. Safe to run twice or side by side.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var due = await TableFailures.GuardAsync($"Querying '{TableName}'", async () =>
        {
            var rows = new List<TableEntity>();
            var filter = TableClient.CreateQueryFilter($"ExpiresAt le {now}");
            await foreach (var row in _client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }

            return rows;
        }, cancellationToken);

        var deleted = 0;
        foreach (var row in due)
        {
            try
            {
                // Under the ETag read: a row taken over since (a fresh claim) is not deleted.
                await _client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag == default ? ETag.All : row.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Gone or renewed meanwhile.
            }
            catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
            {
                throw TableFailures.Describe($"Sweeping '{TableName}'", ex);
            }
        }

        return deleted;
    }

    /// <summary>Creates the table on first use; a creation that failed (storage was down) is tried again on the next call.</summary>
    private Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        var created = Volatile.Read(ref _created);
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            var attempt = TableFailures.GuardAsync($"Creating table '{TableName}'", () => _client.CreateIfNotExistsAsync(CancellationToken.None), CancellationToken.None);
            created = Interlocked.CompareExchange(ref _created, attempt, created) == created ? attempt : Volatile.Read(ref _created)!;
        }

        return created.WaitAsync(cancellationToken);
    }
}
