namespace Connectors.Core.Auth.Senders;

public enum SmsProvider
{
    Twilio,
    Acs,
}
