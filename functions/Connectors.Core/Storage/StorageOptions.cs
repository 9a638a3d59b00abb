using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Storage;

/// <summary>
/// Where the connector's own tables live. Either a connection string (Azurite, Shared Key) or a
/// table service URI reached with a managed identity.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>Shared Key connection string, or <c>UseDevelopmentStorage=true</c>. Default: none.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table endpoint for identity-based access, e.g. https://acct.table.core.windows.net/. Default: none.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty means DefaultAzureCredential. Default: none.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of every table name this deployment creates, so several deployments can share an account. Default: empty.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,19}$|^$")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>Retries after the first attempt of a request that failed with 5xx, 408, 429 or no answer (Azure.Core's retry policy). Default: 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; it doubles per retry, with jitter, up to 10 s (Retry-After is honoured). Default: 00:00:00.8.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Longest wait for one attempt's answer (Azure.Core's own default, 100 s, is far too long on the call path). Default: 00:00:10.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest a health probe waits for Table Storage before reporting it unavailable. Default: 00:00:02.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:00:30")]
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) == (TableServiceUri is null))
        {
            yield return new ValidationResult(
                "Set exactly one of Storage:ConnectionString or Storage:TableServiceUri.",
                [nameof(ConnectionString), nameof(TableServiceUri)]);
        }
        else if (!string.IsNullOrWhiteSpace(ConnectionString) && TableServiceClients.ConnectionStringProblem(ConnectionString) is { } problem)
        {
            yield return new ValidationResult($"Storage:ConnectionString is not usable: {problem}", [nameof(ConnectionString)]);
        }
        else if (TableServiceUri is not null && (!TableServiceUri.IsAbsoluteUri || TableServiceUri.Scheme != Uri.UriSchemeHttps))
        {
            // Bearer tokens only travel over TLS.
            yield return new ValidationResult("Storage:TableServiceUri must be an absolute https URI, e.g. https://acct.table.core.windows.net/.", [nameof(TableServiceUri)]);
        }
    }
}
