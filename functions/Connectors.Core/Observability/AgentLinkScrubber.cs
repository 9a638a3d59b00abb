using System.Text.RegularExpressions;

namespace Connectors.Core.Observability;

/// <summary>
/// Takes agent-link tokens out of what is recorded: a URL, path, span name or log line that holds
/// <c>batons/&lt;43-character token&gt;</c> gets <c>batons/{token}</c> instead. The token is the capability that
/// opens a baton, so it never reaches a span, a log or a request record, in either host.
/// </summary>
public static partial class AgentLinkScrubber
{
    public const string Placeholder = "{token}";

    /// <summary><paramref name="text"/> with every agent-link token replaced by <see cref="Placeholder"/>; the same string when it held none.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("batons/", StringComparison.OrdinalIgnoreCase) ? Token().Replace(text, "${prefix}" + Placeholder) : text;
    }

    /// <summary>True when <paramref name="text"/> holds an agent-link token.</summary>
    public static bool HoldsToken(string? text) => text is not null && Token().IsMatch(text);

    // Any run of URL-safe base64 after batons/ (percent-encoded slashes included): wrong tokens are capabilities to nobody, but
    // a guess at one is still not worth recording, and a shape check would let a near-miss through.
    [GeneratedRegex(@"(?<prefix>batons(?:/|%2F))(?!\{token\})[A-Za-z0-9_\-%]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
