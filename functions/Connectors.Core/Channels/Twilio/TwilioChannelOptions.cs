using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Channels.Twilio;

/// <summary>Twilio calling us: the Auth Token its signatures use and the public address Twilio sees.</summary>
public sealed class TwilioChannelOptions : IValidatableObject
{
    public const string SectionName = "Channels:Twilio";

    /// <summary>The account's Auth Token (Key Vault in Azure). Default: none, and then every Twilio request is refused.</summary>
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>
    /// The scheme, host and port Twilio requests (e.g. https://connectors.azurewebsites.net/): behind App Service or a
    /// proxy the request this app sees has another, so the signed URL is rebuilt from this plus the path and query as
    /// received. Default http://127.0.0.1:7071/.
    /// </summary>
    [Required]
    public Uri? PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.AbsolutePath != "/" || url.Query.Length > 0))
        {
            yield return new ValidationResult("Channels:Twilio:PublicBaseUrl is an absolute address with no path or query, e.g. https://connectors.example.com/.", [nameof(PublicBaseUrl)]);
        }
    }
}
