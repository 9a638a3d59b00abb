namespace Connectors.Core.Replay;

/// <summary>
/// One request a call received, as its platform sent it and already redacted: the channel it came through
/// (<c>api</c> or a <see cref="Channels.ChannelPlatforms"/> name), the action in the channels' vocabulary
/// (<see cref="Channels.ChannelActions"/>, plus <c>disposition</c> and <c>select</c>), its flat parameters, and what
/// it was answered (the HTTP status and the answer's own <c>status</c> or <c>outcome</c>).
/// </summary>
public sealed record RecordedRequest
{
    public required string Channel { get; init; }

    public required string Action { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required int Status { get; init; }

    /// <summary>The answer's <c>outcome</c> (a gate) or <c>status</c>; a problem's slug for a refusal.</summary>
    public string? Outcome { get; init; }

    public required DateTimeOffset At { get; init; }
}
