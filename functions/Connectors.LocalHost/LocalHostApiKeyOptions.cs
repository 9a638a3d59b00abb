using System.ComponentModel.DataAnnotations;

namespace Connectors.LocalHost;

/// <summary>
/// LocalHost's stand-in for Azure's function keys: every endpoint that does not carry its platform's own signature
/// (Twilio, the signed webhook) or is not health needs this key in <c>x-functions-key</c> (or <c>?code=</c>), as in Azure.
/// </summary>
public sealed class LocalHostApiKeyOptions
{
    public const string SectionName = "LocalHost";
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    /// <summary>
    /// The key (at least 16 characters). Default: a random key made at start-up and told to no one, so a host started
    /// without one answers only health and the signed platform endpoints; <c>scripts/run-local.sh</c> makes one per run and prints it.
    /// </summary>
    [Required]
    [MinLength(16)]
    public string ApiKey { get; set; } = string.Empty;
}
