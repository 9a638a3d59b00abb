namespace Connectors.Core.Auth.Passcodes;

public enum PasscodeChallengeStatus
{
    /// <summary>May be verified (until it expires).</summary>
    Active,
    /// <summary>Passed once; never again.</summary>
    Consumed,
    /// <summary>Its tries are spent.</summary>
    Exhausted,
    /// <summary>The provider refused the send, so no one can know the code.</summary>
    NotDelivered,
}
