namespace Connectors.Core.Auth.Policy;

/// <summary>
/// The gate policy: action name → <see cref="AccountActionRule"/>, bound from <c>AccountPolicy:Actions</c>,
/// e.g. <c>AccountPolicy__Actions__payment__RequiredLevel=Biometric</c>. An action configured here
/// replaces the seed rule of the same name; seed actions not configured keep their seed rule
/// (<see cref="AccountPolicyDefaults"/>). An action in neither is denied. Validated at start-up by
/// <see cref="AccountPolicyValidator"/>.
/// </summary>
public sealed class AccountPolicyOptions
{
    public const string SectionName = "AccountPolicy";

    /// <summary>
    /// Rules by action name (lower-case letters, digits and dashes). Default: the seed,
    /// balance (knowledge check or stronger), payment, address-change and add-line (one-time passcode or biometric).
    /// </summary>
    public Dictionary<string, AccountActionRule> Actions { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
