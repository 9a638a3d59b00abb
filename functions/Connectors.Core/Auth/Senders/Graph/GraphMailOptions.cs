using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Senders.Graph;

/// <summary>
/// Email codes through Microsoft Graph <c>sendMail</c>, app-only (application permission Mail.Send, limited
/// by an application access policy to <see cref="SenderMailbox"/>).
/// </summary>
public sealed class GraphMailOptions : IValidatableObject
{
    public const string SectionName = "Email:Graph";

    /// <summary>The Graph root the SDK calls. Default https://graph.microsoft.com/v1.0.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>Where client-credentials tokens come from. Default https://login.microsoftonline.com/.</summary>
    [Required]
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>The scope asked for. Default https://graph.microsoft.com/.default.</summary>
    [Required]
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>Entra tenant id. Default: none (required with a client secret).</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration's client id. Default: none (required with a client secret).</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The app's client secret (Key Vault in Azure). Empty means: authenticate with the managed identity
    /// (<see cref="ManagedIdentityClientId"/>) instead. Default: none.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>Client id of the user-assigned identity used when there is no secret; empty = DefaultAzureCredential. Default: none.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The mailbox (UPN or object id) codes are sent from. Default: none (required).</summary>
    [Required]
    public string SenderMailbox { get; set; } = string.Empty;

    /// <summary>Keep a copy in Sent Items. Default false: the mailbox would otherwise hold every code.</summary>
    public bool SaveToSentItems { get; set; }

    /// <summary>Sends in flight at once: Outlook allows 4 concurrent requests per mailbox. Default 4.</summary>
    [Range(1, 4)]
    public int MaxConcurrentSends { get; set; } = 4;

    /// <summary>Sends that may wait for a slot before being refused. Default 100.</summary>
    [Range(0, 10_000)]
    public int MaxQueuedSends { get; set; } = 100;

    /// <summary>The pipeline: only 429s (Retry-After honoured) and refused connections are retried; sendMail has no idempotency.</summary>
    [ValidateObjectMembers]
    public SenderResilienceOptions Resilience { get; set; } = new();

    public bool UsesClientSecret => !string.IsNullOrWhiteSpace(ClientSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesClientSecret && (string.IsNullOrWhiteSpace(TenantId) || string.IsNullOrWhiteSpace(ClientId)))
        {
            yield return new ValidationResult("Email:Graph:TenantId and ClientId are required with a ClientSecret.", [nameof(TenantId), nameof(ClientId)]);
        }
    }
}
