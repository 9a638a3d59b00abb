using Connectors.Core.Calls;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>What a response, an event or a log may show of a destination: <c>***1234</c>, <c>j***@example.com</c>.</summary>
public static class DestinationMasker
{
    public static string Phone(PhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Masked;
    }

    /// <summary>The local part's first character, then the domain: enough for the caller to recognise it.</summary>
    public static string Email(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return "***";
        }

        return address[0] + "***" + address[at..];
    }
}
