using Microsoft.Extensions.Logging;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>Talk Partner Edition display: <c>user</c> opens the profile, <c>ticket</c> the ticket; a 404 (unknown agent or record) is "not delivered".</summary>
internal sealed class ZendeskScreenPopper
{
    private readonly ZendeskApiClient _api;
    private readonly ZendeskOptions _options;
    private readonly ILogger _logger;

    public ZendeskScreenPopper(ZendeskApiClient api, ZendeskOptions options, ILogger logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
    }

    public async Task<ScreenPopResult> PopAsync(ScreenPopRequest request, CrmCallContext call, CancellationToken cancellationToken)
    {
        var path = request.RecordType.ToLowerInvariant() switch
        {
            "user" => "users",
            "ticket" => "tickets",
            _ => null,
        };
        if (path is null)
        {
            return new ScreenPopResult(false, null, "unsupported-record-type");
        }

        if (!ZendeskIds.TryParse(request.AgentId, out var agentId) || !ZendeskIds.TryParse(request.RecordId, out var recordId))
        {
            return new ScreenPopResult(false, null, "invalid-id");
        }

        var key = IdempotencyKey.For(call.CallId, $"display:{agentId}:{path}:{recordId}");
        var delivered = await _api.DisplayAsync(agentId, path, recordId, key, call, cancellationToken);
        _logger.LogInformation("Zendesk screen pop of a {RecordType} to agent {AgentId}: {Delivered}", request.RecordType, agentId, delivered);
        var url = new Uri(_options.BaseUrl!, $"agent/{path}/{recordId}").AbsoluteUri;
        return delivered ? new ScreenPopResult(true, url) : new ScreenPopResult(false, url, "agent-or-record-not-found");
    }
}
