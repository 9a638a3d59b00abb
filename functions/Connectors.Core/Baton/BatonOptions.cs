using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Baton;

/// <summary>The warm-transfer baton: how long it lives, how much transcript it holds, where the agent page is served.</summary>
public sealed class BatonOptions : IValidatableObject
{
    public const string SectionName = "Baton";

    /// <summary>How long a baton (and every token sealed from it) lives after its first write. Default 04:00:00.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long an agent link works after its transfer, capped by the baton's own expiry. Default 02:00:00.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Transcript characters kept (text plus a fixed per-turn allowance); past it the oldest turns are replaced by one
    /// "n turns summarised out" marker. Kept under what one table entity holds. Default 400000.
    /// </summary>
    [Range(10_000, 400_000)]
    public int MaxTranscriptCharacters { get; set; } = 400_000;

    /// <summary>Characters one turn's text may hold. Default 8000.</summary>
    [Range(100, 100_000)]
    public int MaxTurnCharacters { get; set; } = 8_000;

    /// <summary>Turns one append may carry. Default 500.</summary>
    [Range(1, 5_000)]
    public int MaxTurnsPerAppend { get; set; } = 500;

    /// <summary>The public address the agent page is served under (the Function App's, or LocalHost's). Default http://127.0.0.1:7071/.</summary>
    [Required]
    public Uri? AgentLinkBaseUrl { get; set; } = new("http://127.0.0.1:7071/");

    /// <summary>How often the sweeper deletes expired batons (LocalHost; the Azure timer has its own schedule). Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed agent-link lookups (wrong, expired or malformed token) one client may make per <see cref="FailedLookupWindow"/> before its lookups get 429. Default 20.</summary>
    [Range(1, 10_000)]
    public int FailedLookupsPerWindow { get; set; } = 20;

    /// <summary>The window over which failed agent-link lookups are counted per client. Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedLookupWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Count a client by the last address in X-Forwarded-For (the one the platform's front end added), not the socket's:
    /// true behind App Service / Functions, where every request arrives from the front end. Default false.
    /// </summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>
    /// Origins allowed to frame the agent page (the CRM consoles' side panels), e.g. https://acme.lightning.force.com and
    /// https://acme.zendesk.com; none means the page is never framed. Default none.
    /// </summary>
    public string[] FrameAncestors { get; set; } = [];

    /// <summary>The Salesforce org's Lightning address, for the CRM record link on the agent page, e.g. https://acme.lightning.force.com. Default none (no link).</summary>
    public Uri? SalesforceLightningUrl { get; set; }

    /// <summary>The Zendesk account's address, for the ticket or user link on the agent page, e.g. https://acme.zendesk.com. Default none (no link).</summary>
    public Uri? ZendeskAgentUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AgentLinkBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("Baton:AgentLinkBaseUrl must be an absolute http(s) address.", [nameof(AgentLinkBaseUrl)]);
        }

        foreach (var origin in FrameAncestors)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || origin.Contains(' ', StringComparison.Ordinal) || origin.Contains(';', StringComparison.Ordinal))
            {
                yield return new ValidationResult("Baton:FrameAncestors holds https origins only, e.g. https://acme.lightning.force.com.", [nameof(FrameAncestors)]);
            }
        }

        foreach (var (name, console) in new[] { (nameof(SalesforceLightningUrl), SalesforceLightningUrl), (nameof(ZendeskAgentUrl), ZendeskAgentUrl) })
        {
            if (console is not null && (!console.IsAbsoluteUri || console.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"Baton:{name} must be an absolute https address.", [name]);
            }
        }

        if (MaxTurnCharacters > MaxTranscriptCharacters)
        {
            yield return new ValidationResult("Baton:MaxTurnCharacters cannot exceed Baton:MaxTranscriptCharacters.", [nameof(MaxTurnCharacters)]);
        }
    }
}
