using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Connectors.Core.Auth.Senders.Graph;

/// <summary>
/// App-only tokens for Graph by the OAuth 2.0 client-credentials grant
/// (<c>POST {authority}/{tenant}/oauth2/v2.0/token</c>), cached until five minutes before expiry with one
/// refresh in flight at a time. Written here rather than taken from Azure.Identity because the authority
/// must be configurable to a local, plain-HTTP token endpoint in tests, which MSAL refuses. Tokens are only
/// given to the configured Graph host, and never over plain HTTP except to a loopback address.
/// </summary>
public sealed class GraphClientCredentialsTokenProvider : IAccessTokenProvider, IDisposable
{
    public const string HttpClientName = "graph-token";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly IHttpClientFactory _httpClients;
    private readonly GraphMailOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    public GraphClientCredentialsTokenProvider(IHttpClientFactory httpClients, IOptions<GraphMailOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        AllowedHostsValidator = new AllowedHostsValidator([_options.BaseUrl.Host]);
    }

    public AllowedHostsValidator AllowedHostsValidator { get; }

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
        {
            return string.Empty;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException("A Graph token is only sent over HTTPS (or to a loopback address in tests).");
        }

        if (Fresh() is { } token)
        {
            return token;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            return Fresh() ?? await RequestTokenAsync(cancellationToken);
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private string? Fresh() =>
        _cached is { } cached && _time.GetUtcNow() < cached.ExpiresAt - RefreshMargin ? cached.Token : null;

    private async Task<string> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var endpoint = new Uri(_options.AuthorityHost, $"{Uri.EscapeDataString(_options.TenantId!)}/oauth2/v2.0/token");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("client_id", _options.ClientId!),
                new("client_secret", _options.ClientSecret!),
                new("scope", _options.Scope),
                new("grant_type", "client_credentials"),
            ]),
        };
        var http = _httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadAsync<TokenError>(response, cancellationToken);
            throw new GraphTokenException((int)response.StatusCode, error?.Error);
        }

        var issued = await ReadAsync<TokenResponse>(response, cancellationToken);
        if (issued?.AccessToken is not { Length: > 0 } accessToken || issued.ExpiresIn <= 0)
        {
            throw new GraphTokenException((int)response.StatusCode, "malformed-token-response");
        }

        _cached = (accessToken, _time.GetUtcNow().AddSeconds(issued.ExpiresIn));
        return accessToken;
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record TokenError([property: JsonPropertyName("error")] string? Error);
}
