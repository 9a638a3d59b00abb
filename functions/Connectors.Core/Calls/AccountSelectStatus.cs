namespace Connectors.Core.Calls;

/// <summary>How an account selection answered.</summary>
public enum AccountSelectStatus
{
    /// <summary>The number named one account: it is the call's candidate now (gates still apply).</summary>
    Selected,
    /// <summary>The number named several accounts: ask again, differently.</summary>
    Ambiguous,
    /// <summary>No account has that number: ask again.</summary>
    NotFound,
    /// <summary>The lookup is still running after the share of the turn budget: ask again shortly.</summary>
    Pending,
    /// <summary>The CRM cannot answer: offer a warm transfer.</summary>
    Degrade,
}
