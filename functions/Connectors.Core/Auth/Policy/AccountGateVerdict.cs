namespace Connectors.Core.Auth.Policy;

public enum AccountGateVerdict
{
    /// <summary>A proof for the selected account meets the action's rule: its visible fields may be read.</summary>
    Allowed,
    /// <summary>The selected account's proofs fall short: step up by one of the rule's methods.</summary>
    StepUpRequired,
    /// <summary>The policy has no such action: denied, whatever the caller proved.</summary>
    UnknownAction,
    /// <summary>No account is selected (the caller is unknown or ambiguous): nothing can be read.</summary>
    NoSelectedAccount,
}
