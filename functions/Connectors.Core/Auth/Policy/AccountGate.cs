using Connectors.Core.Calls;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Policy;

/// <summary>
/// The gate in front of every account read: allowed only when a proof passed for the call's
/// SELECTED account, by a method the action's rule names, reaches the rule's level. Proofs for any
/// other account, and any proof when no account is selected, count for nothing.
/// </summary>
public sealed class AccountGate
{
    private readonly IOptionsMonitor<AccountPolicyOptions> _policy;

    public AccountGate(IOptionsMonitor<AccountPolicyOptions> policy)
    {
        _policy = policy;
    }

    /// <summary>The actions the policy knows, by name.</summary>
    public IReadOnlyCollection<string> Actions => _policy.CurrentValue.Actions.Keys;

    public bool IsKnownAction(string? action) => action is not null && _policy.CurrentValue.Actions.ContainsKey(action);

    public AccountGateDecision Decide(CallSession session, string action) => Decide(_policy.CurrentValue, session, action);

    public static AccountGateDecision Decide(AccountPolicyOptions policy, CallSession session, string action)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(action);
        if (!policy.Actions.TryGetValue(action, out var rule))
        {
            return new AccountGateDecision { Verdict = AccountGateVerdict.UnknownAction, Action = action };
        }

        var accountId = session.SelectedAccountId;
        if (accountId is null)
        {
            return new AccountGateDecision { Verdict = AccountGateVerdict.NoSelectedAccount, Action = action, RequiredLevel = rule.RequiredLevel };
        }

        // A pass is worth no more than its method can prove, whatever level it claims.
        var passes = session.Auth.Passes
            .Where(p => string.Equals(p.AccountId, accountId, StringComparison.Ordinal))
            .Select(p => (p.Method, Level: Min(p.Level, AuthMethodStrength.Of(p.Method))))
            .ToList();
        var reached = passes.Select(p => p.Level).DefaultIfEmpty(AssuranceLevel.None).Max();
        var passed = passes.Select(p => p.Method).Distinct().ToList();
        var allowed = passes.Any(p => rule.AllowedMethods.Contains(p.Method) && p.Level >= rule.RequiredLevel);

        return allowed
            ? new AccountGateDecision
            {
                Verdict = AccountGateVerdict.Allowed,
                Action = action,
                RequiredLevel = rule.RequiredLevel,
                LevelReached = reached,
                MethodsPassed = passed,
                VisibleFields = [.. rule.VisibleFields],
            }
            : new AccountGateDecision
            {
                Verdict = AccountGateVerdict.StepUpRequired,
                Action = action,
                RequiredLevel = rule.RequiredLevel,
                LevelReached = reached,
                MethodsPassed = passed,
                MethodsToReach = [.. rule.AllowedMethods.Where(m => AuthMethodStrength.Of(m) >= rule.RequiredLevel).Distinct()],
            };
    }

    private static AssuranceLevel Min(AssuranceLevel a, AssuranceLevel b) => a < b ? a : b;
}
