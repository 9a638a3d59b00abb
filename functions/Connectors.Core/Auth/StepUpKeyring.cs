using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth;

/// <summary>
/// Keyed hashes under purpose-specific keys derived from <see cref="StepUpOptions.HashKey"/>: one key for
/// passcode hashes, one for pseudonyms, one for knowledge answers on file. Separate keys mean a hash made for one
/// purpose can never be replayed as another's.
/// </summary>
public sealed class StepUpKeyring
{
    private readonly byte[] _codeKey;
    private readonly byte[] _pseudonymKey;
    private readonly byte[] _knowledgeKey;

    public StepUpKeyring(IOptions<StepUpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var master = Convert.FromBase64String(options.Value.HashKey);
        _codeKey = HMACSHA256.HashData(master, "connectors/step-up/passcode/v1"u8);
        _pseudonymKey = HMACSHA256.HashData(master, "connectors/step-up/pseudonym/v1"u8);
        _knowledgeKey = HMACSHA256.HashData(master, "connectors/step-up/knowledge/v1"u8);
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
    /// Base64 HMAC-SHA256 of <c>accountId|field|answer</c>: a knowledge answer on file as the session stores it. Keyed,
    /// because four digits, a ZIP or a birth date are guessed in moments from a plain hash; bound to the account and field.
    /// </summary>
    public string HashKnowledgeAnswer(string accountId, string field, string normalizedAnswer)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(normalizedAnswer);
        return Convert.ToBase64String(HMACSHA256.HashData(_knowledgeKey, Encoding.UTF8.GetBytes(accountId + "|" + field + "|" + normalizedAnswer)));
    }

    /// <summary>
    /// The selected account as a call's summary names it (<c>ref-</c> and 32 hex characters): what a biometric vendor's
    /// verdict names as its account, without the summary revealing the CRM's account id. Bound to the call.
    /// </summary>
    public string AccountReference(string callId, string accountId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(accountId);
        return "ref-" + Pseudonymize("account-reference", callId + "|" + accountId);
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
