using Connectors.Core.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Policy;

/// <summary>
/// Refuses a policy that could leak or could never be met, at start-up: every action needs at least
/// a knowledge check (a candidate is never trusted by itself), names methods able to reach its level,
/// and names only fields that exist.
/// </summary>
public sealed class AccountPolicyValidator : IValidateOptions<AccountPolicyOptions>
{
    private readonly IConfiguration? _section;

    /// <param name="section">
    /// The <c>AccountPolicy</c> section as configured. The binder silently drops a list entry it cannot
    /// convert, so a misspelt method would vanish from the policy; the raw values are checked here.
    /// </param>
    public AccountPolicyValidator(IConfiguration? section = null)
    {
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, AccountPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var action in _section?.GetSection(nameof(AccountPolicyOptions.Actions)).GetChildren() ?? [])
        {
            foreach (var method in action.GetSection(nameof(AccountActionRule.AllowedMethods)).GetChildren())
            {
                if (!Enum.TryParse<AuthMethod>(method.Value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(method.Value, out _))
                {
                    failures.Add($"AccountPolicy:Actions:{action.Key}:AllowedMethods: '{method.Value}' is not a method (known: {string.Join(", ", Enum.GetNames<AuthMethod>())}).");
                }
            }
        }

        foreach (var (action, rule) in options.Actions)
        {
            var at = $"AccountPolicy:Actions:{action}";
            if (!InputIdentifiers.IsCode(action))
            {
                failures.Add($"{at}: an action name is 1 to 48 lower-case letters, digits and dashes.");
            }

            if (rule is null)
            {
                failures.Add($"{at}: the rule is empty.");
                continue;
            }

            if (!Enum.IsDefined(rule.RequiredLevel) || rule.RequiredLevel == AssuranceLevel.None)
            {
                failures.Add($"{at}:RequiredLevel must be Knowledge, Possession or Biometric: no account field is shown without a proof.");
            }

            if (rule.AllowedMethods.Count == 0)
            {
                failures.Add($"{at}:AllowedMethods is empty, so the action could never be allowed.");
            }

            foreach (var method in rule.AllowedMethods.Where(m => !Enum.IsDefined(m) || AuthMethodStrength.Of(m) < rule.RequiredLevel))
            {
                failures.Add($"{at}:AllowedMethods: {method} cannot reach {rule.RequiredLevel}.");
            }

            if (rule.VisibleFields.Count == 0)
            {
                failures.Add($"{at}:VisibleFields is empty; an action that shows nothing needs no read.");
            }

            foreach (var field in rule.VisibleFields.Where(f => AccountFields.Canonical(f) is null))
            {
                failures.Add($"{at}:VisibleFields: '{field}' is not an account field (known: {string.Join(", ", AccountFields.All)}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
