using Connectors.Core.Calls;

namespace Connectors.Core.WrapUp;

/// <summary>The orchestration instance id of a call's wrap-up: derived from the call id, so a second start finds the first.</summary>
public static class WrapUpInstance
{
    private const string Prefix = "wrapup-";

    public static string IdFor(string callId) => Prefix + CallId.Validate(callId);

    public static string CallIdOf(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return instanceId.StartsWith(Prefix, StringComparison.Ordinal) ? instanceId[Prefix.Length..] : instanceId;
    }
}
