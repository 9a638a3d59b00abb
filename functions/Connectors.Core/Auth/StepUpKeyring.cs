using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth;

/// <summary>
/// Keyed hashes under purpose-specific keys derived from <see cref="StepUpOptions.HashKey"/>: one key for
/// passcode hashes, one for pseudonyms. Separate keys mean a pseudonym can never be replayed as a code hash.
/// </summary>
public sealed class StepUpKeyring
{
    private readonly byte[] _codeKey;
    private readonly byte[] _pseudonymKey;

    public StepUpKeyring(IOptions<StepUpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var master = Convert.FromBase64String(options.Value.HashKey);
        _codeKey = HMACSHA256.HashData(master, "connectors/step-up/passcode/v1"u8);
        _pseudonymKey = HMACSHA256.HashData(master, "connectors/step-up/pseudonym/v1"u8);
        CryptographicOperations.ZeroMemory(master);
    }

    /// <summary>HMAC-SHA256 of <c>callId|accountId|code</c>: binds a code to the call and account it was sent for.</summary>
    public byte[] HashPasscode(string callId, string accountId, string code)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(code);
        return HMACSHA256.HashData(_codeKey, Encoding.UTF8.GetBytes(callId + "|" + accountId + "|" + code));
    }

    /// <summary>
    /// A stable, table-key-safe stand-in for <paramref name="value"/> (32 lowercase hex characters). Keyed,
    /// because phone numbers have too little entropy for a plain hash to hide them.
    /// </summary>
    public string Pseudonymize(string purpose, string value)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(value);
        var digest = HMACSHA256.HashData(_pseudonymKey, Encoding.UTF8.GetBytes(purpose + "\n" + value));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
