namespace Connectors.Simulators.Recording;

/// <summary>
/// One request a simulator received, as it arrived. <see cref="MessageText"/> is the SMS or mail text when
/// the request sends one (the one place a one-time code may be); <see cref="BodyWithoutMessage"/> is the
/// body with that text taken out, which is what a leak scan reads.
/// </summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Target,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? MessageText,
    string BodyWithoutMessage);
