using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Auth.Knowledge;

/// <summary>
/// The knowledge check: what it asks and how many wrong answers it tolerates. Knowledge is a weak proof
/// (NIST 800-63 no longer counts it as an authenticator), so it only ever reaches the lowest level and its
/// limits are tight.
/// </summary>
public sealed class KnowledgeCheckOptions
{
    public const string SectionName = "StepUp:Knowledge";

    /// <summary>Also ask for the date of birth (the account must hold one). Default false.</summary>
    public bool RequireDateOfBirth { get; set; }

    /// <summary>Wrong answers one call may give before the check is closed for the call. Default 3.</summary>
    [Range(1, 10)]
    public int MaxFailuresPerCall { get; set; } = 3;

    /// <summary>Wrong answers against one account, across calls, before it is locked for the window. Default 5.</summary>
    [Range(1, 50)]
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>How long an account's failures count (and its lockout lasts). Default 01:00:00.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AccountLockoutWindow { get; set; } = TimeSpan.FromHours(1);
}
