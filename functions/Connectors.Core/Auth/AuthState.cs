namespace Connectors.Core.Auth;

/// <summary>The call's authentication state: what passed (per account) and every attempt, for audit.</summary>
public sealed record AuthState
{
    public IReadOnlyList<AuthPass> Passes { get; init; } = [];

    public IReadOnlyList<AuthAttempt> Attempts { get; init; } = [];

    /// <summary>The level reached for <paramref name="accountId"/>; proofs against another account do not count.</summary>
    public AssuranceLevel LevelFor(string? accountId) =>
        accountId is null
            ? AssuranceLevel.None
            : Passes.Where(p => string.Equals(p.AccountId, accountId, StringComparison.Ordinal))
                .Select(p => p.Level)
                .DefaultIfEmpty(AssuranceLevel.None)
                .Max();

    public bool HasPassed(AuthMethod method, string? accountId) =>
        accountId is not null && Passes.Any(p => p.Method == method && string.Equals(p.AccountId, accountId, StringComparison.Ordinal));

    public IEnumerable<AuthMethod> MethodsPassedFor(string? accountId) =>
        Passes.Where(p => string.Equals(p.AccountId, accountId, StringComparison.Ordinal)).Select(p => p.Method).Distinct();

    public AuthState WithAttempt(AuthAttempt attempt) => this with { Attempts = [.. Attempts, attempt] };

    public AuthState WithPass(AuthPass pass) => this with { Passes = [.. Passes, pass] };
}
