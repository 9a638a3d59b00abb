namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// A bearer token of the integration user, with the instance it is valid on. <see cref="ToString"/> never
/// shows the token, so logging this object by mistake leaks nothing.
/// </summary>
public sealed class SalesforceAccessToken
{
    public SalesforceAccessToken(string value, Uri instanceUrl, DateTimeOffset obtainedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        InstanceUrl = instanceUrl;
        ObtainedAt = obtainedAt;
    }

    public string Value { get; }

    /// <summary>Base of every REST call made with this token (<c>instance_url</c>).</summary>
    public Uri InstanceUrl { get; }

    /// <summary>When we received it, by our clock (the token response carries no expiry).</summary>
    public DateTimeOffset ObtainedAt { get; }

    public override string ToString() => $"Salesforce access token for {InstanceUrl.Host} obtained {ObtainedAt:O}";
}
