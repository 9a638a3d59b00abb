using System.Diagnostics.CodeAnalysis;

namespace Connectors.Core.Storage;

/// <summary>
/// The parts of a Shared Key storage connection string the table client needs: the account, its key and
/// the table endpoint. Accepts <c>UseDevelopmentStorage=true</c> (Azurite on 127.0.0.1:10002) and
/// <c>DefaultEndpointsProtocol/AccountName/AccountKey/TableEndpoint/EndpointSuffix</c>.
/// </summary>
public sealed class StorageConnectionString
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known key: public and documented, not a secret.</summary>
    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Uri DevelopmentTableEndpoint = new("http://127.0.0.1:10002/devstoreaccount1");

    private StorageConnectionString(string accountName, byte[] accountKey, Uri tableEndpoint)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        TableEndpoint = tableEndpoint;
    }

    public string AccountName { get; }

    /// <summary>The table service root, without a trailing slash (path-style for Azurite: <c>.../devstoreaccount1</c>).</summary>
    public Uri TableEndpoint { get; }

    internal byte[] AccountKey { get; }

    /// <summary>Parses <paramref name="connectionString"/>; the message of the exception says what to fix and never repeats the key.</summary>
    public static StorageConnectionString Parse(string connectionString) =>
        TryParse(connectionString, out var parsed, out var error) ? parsed : throw new FormatException(error);

    public static bool TryParse(string? connectionString, [NotNullWhen(true)] out StorageConnectionString? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (!TrySplit(connectionString, out var settings, out error))
        {
            return false;
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development))
        {
            if (!string.Equals(development, "true", StringComparison.OrdinalIgnoreCase) || settings.Count != 1)
            {
                error = "A development storage connection string is exactly 'UseDevelopmentStorage=true'.";
                return false;
            }

            parsed = new StorageConnectionString(DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey), DevelopmentTableEndpoint);
            return true;
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            error = "Connection strings with a SharedAccessSignature are not supported: use one with an AccountKey, or set Storage:TableServiceUri to use a managed identity.";
            return false;
        }

        if (!settings.TryGetValue("AccountName", out var accountName) || string.IsNullOrWhiteSpace(accountName))
        {
            error = "The storage connection string has no AccountName.";
            return false;
        }

        if (!settings.TryGetValue("AccountKey", out var encodedKey) || string.IsNullOrWhiteSpace(encodedKey))
        {
            error = $"The storage connection string for account '{accountName}' has no AccountKey.";
            return false;
        }

        var key = new byte[encodedKey.Length];
        if (!Convert.TryFromBase64String(encodedKey, key, out var keyLength) || keyLength == 0)
        {
            error = $"The AccountKey of storage account '{accountName}' is not valid base64.";
            return false;
        }

        if (!TryTableEndpoint(settings, accountName, out var endpoint, out error))
        {
            return false;
        }

        parsed = new StorageConnectionString(accountName, key[..keyLength], endpoint);
        return true;
    }

    /// <summary>Never shows the key.</summary>
    public override string ToString() => $"AccountName={AccountName};TableEndpoint={TableEndpoint}";

    private static bool TrySplit(string? connectionString, out Dictionary<string, string> settings, [NotNullWhen(false)] out string? error)
    {
        settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "The storage connection string is empty.";
            return false;
        }

        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end with '=' padding.
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"The storage connection string has a part without 'name=value' (part {settings.Count + 1}).";
                return false;
            }

            var name = segment[..equals].Trim();
            if (!settings.TryAdd(name, segment[(equals + 1)..].Trim()))
            {
                error = $"The storage connection string sets '{name}' twice.";
                return false;
            }
        }

        return true;
    }

    private static bool TryTableEndpoint(Dictionary<string, string> settings, string accountName, [NotNullWhen(true)] out Uri? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        error = null;
        if (settings.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                error = $"The TableEndpoint of storage account '{accountName}' is not an absolute http(s) URI.";
                return false;
            }

            endpoint = new Uri(parsed.GetLeftPart(UriPartial.Path).TrimEnd('/'));
            return true;
        }

        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var p) ? p.ToLowerInvariant() : Uri.UriSchemeHttps;
        if (protocol != Uri.UriSchemeHttp && protocol != Uri.UriSchemeHttps)
        {
            error = $"DefaultEndpointsProtocol must be http or https, not '{protocol}'.";
            return false;
        }

        var suffix = settings.TryGetValue("EndpointSuffix", out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim('.') : "core.windows.net";
        if (!Uri.TryCreate($"{protocol}://{accountName}.table.{suffix}", UriKind.Absolute, out endpoint))
        {
            error = $"AccountName '{accountName}' and EndpointSuffix '{suffix}' do not make a valid table endpoint.";
            return false;
        }

        return true;
    }
}
