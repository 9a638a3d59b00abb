namespace Connectors.Scenarios.Model;

/// <summary>Who calls, and what they know (the answers a knowledge step gives unless the step says otherwise).</summary>
public sealed record Caller
{
    public string? Number { get; init; }

    public string? DialledNumber { get; init; } = "+18005551212";

    public string? IvrDigits { get; init; }

    public string? LastFour { get; init; }

    public string? BillingZip { get; init; }

    public string? DateOfBirth { get; init; }
}
