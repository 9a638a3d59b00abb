using System.Text.RegularExpressions;

namespace Connectors.Core.Baton;

/// <summary>
/// The CRM record of a transfer as a link the agent can open: a Salesforce Lightning record page
/// (<c>{lightning}/lightning/r/{Type}/{Id}/view</c>) or a Zendesk agent page (<c>{zendesk}/agent/tickets/{id}</c>,
/// <c>/agent/users/{id}</c>), from the configured instance addresses. No address configured, or an id that is not one, no link.
/// </summary>
public static partial class BatonCrmLinks
{
    public static Uri? For(BatonView view, BatonOptions options)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        if (view.CrmRecordId is not { } id)
        {
            return null;
        }

        var type = view.CrmRecordType ?? string.Empty;
        if (SalesforceId().IsMatch(id) && options.SalesforceLightningUrl is { } lightning && SalesforceType().IsMatch(type))
        {
            return new Uri(lightning, $"/lightning/r/{type}/{id}/view");
        }

        if (ZendeskId().IsMatch(id) && options.ZendeskAgentUrl is { } zendesk)
        {
            var kind = type.ToLowerInvariant() switch
            {
                "ticket" or "tickets" => "tickets",
                "user" or "users" or "end-user" => "users",
                "organization" or "organizations" => "organizations",
                _ => null,
            };
            return kind is null ? null : new Uri(zendesk, $"/agent/{kind}/{id}");
        }

        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex SalesforceId();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,79}$", RegexOptions.CultureInvariant)]
    private static partial Regex SalesforceType();

    [GeneratedRegex("^[0-9]{1,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex ZendeskId();
}
