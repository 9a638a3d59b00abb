using System.Security.Cryptography;
using System.Text;

namespace Connectors.Core.Events;

/// <summary>The event id: a hash of the call, the type and the occurrence (a park's time, say), so the same fact always has the same id.</summary>
public static class OutboundEventId
{
    public static string For(string type, string callId, string? occurrence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{callId}\n{occurrence}"));
        return "evt-" + Convert.ToHexStringLower(hash)[..32];
    }
}
