using Connectors.Core.Auth;
using Connectors.Core.Http;
using Microsoft.Extensions.Options;

namespace Connectors.LocalHost;

/// <summary>
/// Applies Azure's function-key check on this machine: an endpoint whose Core route is <see cref="EndpointAccess.Anonymous"/> (health, and the
/// platform endpoints that carry their own signature) passes; any other needs <see cref="LocalHostApiKeyOptions.ApiKey"/>,
/// compared in constant time. A miss is a 401 problem, before the handler runs.
/// </summary>
public sealed class ApiKeyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IOptionsMonitor<LocalHostApiKeyOptions> _options;

    public ApiKeyMiddleware(RequestDelegate next, IOptionsMonitor<LocalHostApiKeyOptions> options)
    {
        _next = next;
        _options = options;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<EndpointRoute>()?.Access == EndpointAccess.Anonymous)
        {
            return _next(context);
        }

        var presented = context.Request.Headers.TryGetValue(LocalHostApiKeyOptions.HeaderName, out var header)
            ? header.ToString()
            : context.Request.Query[LocalHostApiKeyOptions.QueryName].ToString();
        return ConstantTimeComparer.Equal(_options.CurrentValue.ApiKey, presented)
            ? _next(context)
            : ProblemResults.ToResult(new ProblemException(401, "missing-function-key", "Key required",
                $"Send the host's key in the {LocalHostApiKeyOptions.HeaderName} header (scripts/run-local.sh prints it).")).ExecuteAsync(context);
    }
}
