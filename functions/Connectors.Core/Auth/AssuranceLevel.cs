namespace Connectors.Core.Auth;

/// <summary>How far the caller has climbed. Ordered: a higher level satisfies a lower requirement.</summary>
public enum AssuranceLevel
{
    None = 0,
    /// <summary>Reached by <see cref="AuthMethod.KnowledgeCheck"/>.</summary>
    Knowledge = 1,
    /// <summary>Reached by a one-time passcode to a channel on file.</summary>
    Possession = 2,
    /// <summary>Reached by a signed voice-biometric match.</summary>
    Biometric = 3,
}
