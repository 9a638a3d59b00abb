using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Connectors.Core.Channels.Webhooks;

/// <summary>The generic signed webhook: who may send, with which secret, and the clock tolerance.</summary>
public sealed partial class WebhookChannelOptions : IValidatableObject
{
    public const string SectionName = "Channels:Webhooks";
    public const int MinimumSecretLength = 32;

    /// <summary>How far a signature's timestamp may be from now, either way. Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Senders by name, as sent in <c>X-Connectors-Sender</c> (<c>Channels:Webhooks:Senders:{name}:Secret</c>). Default none.</summary>
    public Dictionary<string, WebhookSenderOptions> Senders { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, sender) in Senders)
        {
            if (!SenderName().IsMatch(name))
            {
                yield return new ValidationResult($"Webhook sender name '{name}' may hold only letters, digits and '-' (1 to 40).", [nameof(Senders)]);
            }

            if (sender.Secret.Length < MinimumSecretLength)
            {
                yield return new ValidationResult($"Channels:Webhooks:Senders:{name}:Secret must be at least {MinimumSecretLength} characters.", [nameof(Senders)]);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    internal static partial Regex SenderName();
}
