using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Asks the org's My Domain token endpoint for an access token with the OAuth 2.0 client-credentials
/// grant. Its own HTTP client, outside the CRM handler chain: a token request is neither a CRM read nor a
/// write a dry run may intercept. Errors come as <c>{error, error_description}</c>, not the REST error array.
/// </summary>
public sealed partial class SalesforceTokenClient
{
    public const string HttpClientName = "Salesforce.Token";
    internal const string TokenPath = "services/oauth2/token";

    private readonly IHttpClientFactory _clients;
    private readonly IOptions<SalesforceOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SalesforceTokenClient(IHttpClientFactory clients, IOptions<SalesforceOptions> options, TimeProvider time, ILogger<SalesforceTokenClient> logger)
    {
        _clients = clients;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<SalesforceAccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var endpoint = new Uri(options.MyDomainUrl!, TokenPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", options.ClientId),
                new("client_secret", options.ClientSecret),
            ]),
        };

        using var timeout = new CancellationTokenSource(options.TokenTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await _clients.CreateClient(HttpClientName).SendAsync(request, linked.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogTokenEndpointFailed(endpoint.Host, "timeout");
            throw new CrmUnavailableException(CrmKind.Salesforce, "timeout", outcomeUnknown: false, ex);
        }
        catch (HttpRequestException ex)
        {
            LogTokenEndpointFailed(endpoint.Host, "connection-failed");
            throw new CrmUnavailableException(CrmKind.Salesforce, "connection-failed", outcomeUnknown: false, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            if (response.IsSuccessStatusCode)
            {
                var token = Read(body, endpoint);
                LogTokenObtained(endpoint.Host, token.InstanceUrl.Host);
                return token;
            }

            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
            {
                var reason = response.StatusCode == HttpStatusCode.TooManyRequests ? "throttled" : "server-error";
                LogTokenEndpointFailed(endpoint.Host, reason);
                throw new CrmUnavailableException(CrmKind.Salesforce, reason, outcomeUnknown: false);
            }

            var (error, description) = ReadError(body);
            LogTokenRefused(endpoint.Host, status, error, description);
            throw new CrmRejectedException(CrmKind.Salesforce, status, error, "The token endpoint refused the client credentials: " + description);
        }
    }

    private SalesforceAccessToken Read(string body, Uri endpoint)
    {
        string? value = null;
        string? instance = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                value = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                instance = root.TryGetProperty("instance_url", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Falls through to the refusal below: an unreadable success is as useless as a failure.
        }

        if (string.IsNullOrEmpty(value))
        {
            throw new CrmRejectedException(CrmKind.Salesforce, 200, "invalid_token_response", "The token endpoint answered without an access token.");
        }

        // The bearer token goes wherever instance_url points, so it must be TLS (or the local simulator).
        var instanceUrl = Uri.TryCreate(instance, UriKind.Absolute, out var parsed)
                          && (parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback))
            ? parsed
            : throw new CrmRejectedException(CrmKind.Salesforce, 200, "invalid_token_response",
                $"The token endpoint of {endpoint.Host} answered with an instance_url that is not an https URL.");
        return new SalesforceAccessToken(value, instanceUrl, _time.GetUtcNow());
    }

    private static (string Error, string Description) ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
            {
                var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return (e.GetString()!, description ?? "no description");
            }
        }
        catch (JsonException)
        {
            // Not the documented shape; reported generically below.
        }

        return ("token_request_refused", "the answer was not an OAuth error");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Obtained a Salesforce access token from {TokenHost} for instance {InstanceHost}")]
    private partial void LogTokenObtained(string tokenHost, string instanceHost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Salesforce token endpoint {TokenHost} failed: {Reason}")]
    private partial void LogTokenEndpointFailed(string tokenHost, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Salesforce token endpoint {TokenHost} refused the client credentials ({Status} {Error}): {Description}")]
    private partial void LogTokenRefused(string tokenHost, int status, string error, string description);
}
