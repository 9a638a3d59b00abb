using Connectors.Core.Http;

namespace Connectors.Core.Auth;

/// <summary>Problems every step-up method can answer with.</summary>
public static class AuthProblems
{
    public const string LockedOutSlug = "auth-locked-out";

    /// <summary>429: the attempts allowed for <paramref name="what"/> are spent until <paramref name="until"/>.</summary>
    public static ProblemException LockedOut(string what, DateTimeOffset until) =>
        new(429, LockedOutSlug, "Too many failed attempts",
            $"The attempts allowed for {what} are spent; try another method, or again after {until:u}.",
            new Dictionary<string, object?> { ["retryAt"] = until });
}
