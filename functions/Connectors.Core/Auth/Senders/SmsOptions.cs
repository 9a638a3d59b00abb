using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Auth.Senders;

/// <summary>Which SMS provider sends codes; its settings live under <c>Sms:Twilio</c> or <c>Sms:Acs</c>.</summary>
public sealed class SmsOptions
{
    public const string SectionName = "Sms";

    /// <summary><c>Twilio</c> or <c>Acs</c>. Default: none (required).</summary>
    [Required]
    public SmsProvider? Provider { get; set; }
}
