namespace Connectors.Core.Crm;

/// <summary>
/// What a CRM request carries for the handlers below the connector: whose call it is (and so whether
/// it is a dry run) and, for writes, the idempotency key that makes a retry safe.
/// </summary>
public static class CrmRequestOptions
{
    public static HttpRequestOptionsKey<CrmCallContext> Call { get; } = new("Connectors.Crm.Call");

    /// <summary>Set on every keyed write. A write without one is never retried.</summary>
    public static HttpRequestOptionsKey<string> IdempotencyKey { get; } = new("Connectors.Crm.IdempotencyKey");

    /// <summary>A short name of the operation for metrics and the dry-run ledger, e.g. <c>upsert-disposition</c>.</summary>
    public static HttpRequestOptionsKey<string> Operation { get; } = new("Connectors.Crm.Operation");

    public static HttpRequestMessage WithCall(this HttpRequestMessage request, CrmCallContext call, string operation)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Call, call);
        request.Options.Set(Operation, operation);
        return request;
    }

    public static HttpRequestMessage WithIdempotencyKey(this HttpRequestMessage request, string key)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(IdempotencyKey, key);
        return request;
    }

    /// <summary>Anything but GET and HEAD changes the CRM.</summary>
    public static bool IsWrite(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
    }
}
