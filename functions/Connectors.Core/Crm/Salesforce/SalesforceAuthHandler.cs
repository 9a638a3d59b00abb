using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Outermost handler of the Salesforce client: sends each request to the token's <c>instance_url</c> with
/// the bearer token. On 401 INVALID_SESSION_ID it refreshes the token once and sends once more; a fresh
/// token refused too (a frozen or deactivated integration user) fails as <see cref="CrmRejectedException"/>
/// at once, because retrying cannot fix it and looping would burn the org's API allowance. Every other
/// answer, 403 REQUEST_LIMIT_EXCEEDED included, passes through untouched: it is not an auth problem.
/// </summary>
public sealed partial class SalesforceAuthHandler : DelegatingHandler
{
    private readonly SalesforceTokenCache _tokens;
    private readonly ILogger _logger;

    public SalesforceAuthHandler(SalesforceTokenCache tokens, ILogger<SalesforceAuthHandler> logger)
    {
        _tokens = tokens;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken);
        var response = await SendWithAsync(request, token, cancellationToken);
        if (!await IsInvalidSessionAsync(response, cancellationToken))
        {
            return response;
        }

        response.Dispose();
        LogSessionRefused(token.InstanceUrl.Host);
        var fresh = await _tokens.RefreshAsync(token, cancellationToken);
        response = await SendWithAsync(request, fresh, cancellationToken);
        if (!await IsInvalidSessionAsync(response, cancellationToken))
        {
            return response;
        }

        response.Dispose();
        LogFreshTokenRefused(fresh.InstanceUrl.Host);
        throw new CrmRejectedException(CrmKind.Salesforce, 401, SalesforceErrorCodes.InvalidSessionId,
            "A freshly issued access token was refused too. The integration (Run As) user may be frozen or deactivated, "
            + "or the connected app's policies changed; an administrator must fix the org.");
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, SalesforceAccessToken token, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri
            && (uri.Scheme != token.InstanceUrl.Scheme || uri.Host != token.InstanceUrl.Host || uri.Port != token.InstanceUrl.Port))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = token.InstanceUrl.Scheme, Host = token.InstanceUrl.Host, Port = token.InstanceUrl.Port }.Uri;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return base.SendAsync(request, cancellationToken);
    }

    private static async Task<bool> IsInvalidSessionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return SalesforceError.Parse(body).Any(e => e.ErrorCode == SalesforceErrorCodes.InvalidSessionId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce {InstanceHost} refused the session (INVALID_SESSION_ID); refreshing the token once")]
    private partial void LogSessionRefused(string instanceHost);

    [LoggerMessage(Level = LogLevel.Error, Message = "Salesforce {InstanceHost} refused a freshly issued token (INVALID_SESSION_ID); not retrying. Check that the integration user is active and not frozen")]
    private partial void LogFreshTokenRefused(string instanceHost);
}
