using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Policy;

/// <summary>
/// The seed policy, each action's gate sized to its blast radius: reading a balance needs what the
/// caller knows; moving money, changing the address or adding a line needs something the caller has
/// (a code sent to a channel on file) or is (a signed biometric match). Fills in seed actions that
/// configuration does not name.
/// </summary>
public sealed class AccountPolicyDefaults : IPostConfigureOptions<AccountPolicyOptions>
{
    public const string Balance = "balance";
    public const string Payment = "payment";
    public const string AddressChange = "address-change";
    public const string AddLine = "add-line";

    private static readonly AuthMethod[] PossessionOrStronger = [AuthMethod.SmsPasscode, AuthMethod.EmailPasscode, AuthMethod.VoiceBiometric];

    /// <summary>A fresh copy of the seed rules (callers may change what they get).</summary>
    public static Dictionary<string, AccountActionRule> Seed() => new(StringComparer.OrdinalIgnoreCase)
    {
        [Balance] = Rule(AssuranceLevel.Knowledge, [AuthMethod.KnowledgeCheck, .. PossessionOrStronger],
            AccountFields.DisplayName, AccountFields.Balance, AccountFields.Currency),
        [Payment] = Rule(AssuranceLevel.Possession, PossessionOrStronger,
            AccountFields.DisplayName, AccountFields.Balance, AccountFields.Currency),
        [AddressChange] = Rule(AssuranceLevel.Possession, PossessionOrStronger,
            AccountFields.DisplayName, AccountFields.AccountNumber),
        [AddLine] = Rule(AssuranceLevel.Possession, PossessionOrStronger,
            AccountFields.DisplayName, AccountFields.AccountNumber, AccountFields.MobileE164),
    };

    public void PostConfigure(string? name, AccountPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Actions.Comparer != StringComparer.OrdinalIgnoreCase)
        {
            options.Actions = new Dictionary<string, AccountActionRule>(options.Actions, StringComparer.OrdinalIgnoreCase);
        }

        foreach (var (action, rule) in Seed())
        {
            options.Actions.TryAdd(action, rule);
        }
    }

    private static AccountActionRule Rule(AssuranceLevel level, IEnumerable<AuthMethod> methods, params string[] fields) => new()
    {
        RequiredLevel = level,
        AllowedMethods = [.. methods],
        VisibleFields = [.. fields],
    };
}
