namespace Connectors.Scenarios.Model;

/// <summary>
/// One thing the platform does (<see cref="Do"/>: connect, wait-lookup, read, knowledge, passcode, otp-send, otp-verify,
/// say, transfer, answered, end, confirm, edit, select, pause), or a branch (<see cref="If"/> an outcome of the last answer,
/// <see cref="Then"/> else <see cref="Else"/>). <see cref="Twice"/> sends the same request again, as a platform retry does.
/// </summary>
public sealed record ScenarioStep
{
    public string? Do { get; init; }

    public Dictionary<string, string> With { get; init; } = [];

    public AnswerExpectation? Expect { get; init; }

    public bool Twice { get; init; }

    public string? If { get; init; }

    public IReadOnlyList<ScenarioStep> Then { get; init; } = [];

    public IReadOnlyList<ScenarioStep> Else { get; init; } = [];
}
