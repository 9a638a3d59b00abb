using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Signals.Digest;

/// <summary>The daily digest to the people who run the contact center: who gets it, where, and when.</summary>
public sealed class DailyDigestOptions
{
    public const string SectionName = "Digest";

    /// <summary>Mailboxes the digest is mailed to through the Graph sender; none means no mail. Default none.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>A Teams or Slack incoming webhook (Key Vault: the URL is the credential) the digest is posted to; unset means none. Default unset.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The UTC time of day after which yesterday's digest is sent (the Azure timer fires at 07:00 UTC). Default 07:00:00.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan SendAfter { get; set; } = TimeSpan.FromHours(7);

    /// <summary>How often LocalHost's loop checks whether a digest is due. Default 00:15:00.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}
