using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Storage;

/// <summary>
/// Proves the app can use its tables: creates the <c>Health</c> table once, then reads a row of it on every
/// probe (a missing row is fine: the read succeeded). Bounded by <see cref="StorageOptions.HealthCheckTimeout"/>
/// so a probe answers quickly while storage is down, whatever the client's retries would do.
/// Goes through <see cref="ITableStore"/>, so it checks whichever adapter the host registered.
/// </summary>
public sealed class TableStorageHealthCheck : IHealthCheck
{
    public const string Name = "tableStorage";

    /// <summary>The problem type the health endpoint answers with when this check fails.</summary>
    public const string ProblemTag = "problem:storage-unavailable";

    private const string ProbeTable = "Health";
    private const string ProbeKey = "probe";

    private readonly ITableStore _store;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private volatile bool _tableExists;

    public TableStorageHealthCheck(ITableStore store, IOptions<StorageOptions> options, TimeProvider time)
    {
        _store = store;
        _options = options.Value;
        _time = time;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var table = _options.TablePrefix + ProbeTable;
        var started = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.HealthCheckTimeout, _time);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (!_tableExists)
            {
                await _store.CreateTableIfNotExistsAsync(table, probe.Token);
                _tableExists = true;
            }

            await _store.GetAsync(table, ProbeKey, ProbeKey, probe.Token);
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture,
                $"Table Storage answered in {_time.GetElapsedTime(started).TotalMilliseconds:F0} ms."));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"Table Storage did not answer within {_options.HealthCheckTimeout.TotalSeconds:0.#} s."));
        }
        catch (TableStorageException ex)
        {
            // Someone deleted the table: create it again on the next probe.
            _tableExists &= ex.Status != 404;
            return HealthCheckResult.Unhealthy($"Table Storage refused the probe: {ex.Message}", ex);
        }
    }
}
