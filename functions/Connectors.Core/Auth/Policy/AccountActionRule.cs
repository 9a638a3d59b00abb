namespace Connectors.Core.Auth.Policy;

/// <summary>
/// What one action on the account needs and may see: the assurance level to reach, the methods
/// that may reach it (a pass counts only by one of these), and the snapshot fields it reveals
/// (names from <see cref="AccountFields"/>).
/// </summary>
public sealed class AccountActionRule
{
    public AssuranceLevel RequiredLevel { get; set; }

    public List<AuthMethod> AllowedMethods { get; set; } = [];

    public List<string> VisibleFields { get; set; } = [];
}
