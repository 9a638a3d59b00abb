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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) == (TableServiceUri is null))
        {
            yield return new ValidationResult(
                "Set exactly one of Storage:ConnectionString or Storage:TableServiceUri.",
                [nameof(ConnectionString), nameof(TableServiceUri)]);
        }
    }
}
