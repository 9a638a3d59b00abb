using System.Net.Http.Headers;
using System.Text;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// Puts the configured credential on every request: Basic <c>{email}/token:{api token}</c> or an OAuth
/// bearer. The header value is built once and never logged; a 401 is not retried (it is not transient).
/// </summary>
public sealed class ZendeskAuthHandler : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _header;

    public ZendeskAuthHandler(ZendeskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _header = options.AuthMode switch
        {
            ZendeskAuthMode.OAuth => new AuthenticationHeaderValue("Bearer", options.OAuthAccessToken),
            _ => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Email}/token:{options.ApiToken}"))),
        };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _header;
        return base.SendAsync(request, cancellationToken);
    }
}
