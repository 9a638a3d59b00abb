namespace Connectors.Simulators.TwilioMessaging;

/// <summary>A message the simulated Twilio accepted (and would have delivered).</summary>
public sealed record TwilioSentMessage(string Sid, string To, string? From, string? MessagingServiceSid, string Body, int? ValidityPeriod, DateTimeOffset AcceptedAt);
