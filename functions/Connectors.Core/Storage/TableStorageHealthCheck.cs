using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Storage;

/// <summary>
/// Proves the app can use its tables: creates the <c>Health</c> table once, then reads a row of it on every
/// probe (a missing row is fine: the read succeeded). Bounded by <see cref="StorageOptions.HealthCheckTimeout"/>
/// so a probe answers quickly while storage is down, whatever the client's retries would do.
/// Goes through the host's own <see cref="Azure.Data.Tables.TableServiceClient"/> (via <see cref="DocumentTableFactory"/>),
/// so it checks the credentials and endpoint the stores use.
/// </summary>
public sealed class TableStorageHealthCheck : IHealthCheck
{
    public const string Name = "tableStorage";

    /// <summary>The problem type the health endpoint answers with when this check fails.</summary>
    public const string ProblemTag = "problem:storage-unavailable";

    private const string ProbeTable = "Health";
    private const string ProbeKey = "probe";

    private readonly Azure.Data.Tables.TableClient _table;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private volatile bool _tableExists;

    public TableStorageHealthCheck(DocumentTableFactory tables, IOptions<StorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTableClient(ProbeTable);
        _options = options.Value;
        _time = time;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.HealthCheckTimeout, _time);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (!_tableExists)
            {
                await _table.CreateIfNotExistsAsync(probe.Token);
                _tableExists = true;
            }

            await _table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(ProbeKey, ProbeKey, cancellationToken: probe.Token);
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture,
                $"Table Storage answered in {_time.GetElapsedTime(started).TotalMilliseconds:F0} ms."));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"Table Storage did not answer within {_options.HealthCheckTimeout.TotalSeconds:0.#} s."));
        }
        catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
        {
            var failure = TableFailures.Describe("The Table Storage probe", ex);

            // Someone deleted the table: create it again on the next probe.
            _tableExists &= failure.Status != 404;
            return HealthCheckResult.Unhealthy(failure.Message, failure);
        }
    }
}
