namespace Connectors.Simulators.EventReceiver;

/// <summary>One delivery the receiver accepted (2xx): the CloudEvent's id and type, the signature header and the raw body.</summary>
public sealed record ReceivedEvent(string Id, string Type, string? Subject, string? Signature, string ContentType, string Body, DateTimeOffset At);
