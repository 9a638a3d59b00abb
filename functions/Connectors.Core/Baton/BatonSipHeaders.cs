using System.Text;

namespace Connectors.Core.Baton;

/// <summary>
/// The transfer's context for platforms without attributes, as SIP headers: <c>X-Connectors-Baton: &lt;token&gt;</c> for
/// Twilio <c>&lt;Dial&gt;&lt;Sip&gt;</c> (custom X- headers ride in the SIP URI) and the same token as SIP UUI
/// (<c>User-to-User</c>, hex, RFC 7433), each within the usual 256-byte budget of one header.
/// </summary>
public static class BatonSipHeaders
{
    public const string BatonHeader = "X-Connectors-Baton";
    public const string UserToUserHeader = "User-to-User";
    public const int MaxHeaderBytes = 256;

    public static IReadOnlyDictionary<string, string> For(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BatonHeader] = token,
            [UserToUserHeader] = Convert.ToHexStringLower(Encoding.ASCII.GetBytes(token)) + ";encoding=hex",
        };
        foreach (var (name, value) in headers)
        {
            if (Encoding.ASCII.GetByteCount($"{name}: {value}") > MaxHeaderBytes)
            {
                throw new InvalidOperationException($"The {name} header is over {MaxHeaderBytes} bytes.");
            }
        }

        return headers;
    }
}
