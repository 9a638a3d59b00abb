using Connectors.Core.Auth;

namespace Connectors.Core.WrapUp;

/// <summary>The disposition as drafted (step 2) and, after a human saw it, as committed.</summary>
public sealed record DispositionDraft
{
    public required string OutcomeCode { get; init; }

    public required string Summary { get; init; }

    public bool FollowUp { get; init; }

    /// <summary>The verified account; null when the caller was not verified for one.</summary>
    public string? AccountId { get; init; }

    public IReadOnlyList<string> Amounts { get; init; } = [];

    public AssuranceLevel VerificationLevel { get; init; }

    /// <summary><c>not-required</c> (no human took the call), <c>confirmed</c>, <c>edited</c> or <c>unconfirmed</c> (the human did not answer in time).</summary>
    public string Confirmation { get; init; } = NotRequired;

    /// <summary>The record was first written without this (the human answered after the timeout, or the platform's end came after an abandoned sweep) and then updated.</summary>
    public bool Late { get; init; }

    public const string NotRequired = "not-required";
    public const string Confirmed = "confirmed";
    public const string Edited = "edited";
    public const string Unconfirmed = "unconfirmed";
}
