using System.Security.Cryptography;
using System.Text;

namespace Connectors.Core.Crm;

/// <summary>
/// The key every CRM write carries: a pure function of the call key and the logical write, so the
/// same write always carries the same key and two different writes never share one.
/// </summary>
public static class IdempotencyKey
{
    /// <summary>64 lowercase hex characters: SHA-256 of <c>{callKey}\n{writeName}</c>. Fits Salesforce external ids (255) and Zendesk keys.</summary>
    public static string For(string callKey, string writeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(callKey);
        ArgumentException.ThrowIfNullOrEmpty(writeName);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(callKey + "\n" + writeName));
        return Convert.ToHexStringLower(hash);
    }
}
