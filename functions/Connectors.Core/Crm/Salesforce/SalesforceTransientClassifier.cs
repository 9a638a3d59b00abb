using Connectors.Core.Crm.Resilience;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Salesforce's "try again": 408, 429 and 5xx as for any API, plus two 4xx answers whose error array
/// says the condition passes: UNABLE_TO_LOCK_ROW (another transaction holds the row) and
/// REQUEST_LIMIT_EXCEEDED for the concurrent-request limits. The 24-hour TotalRequests limit is not
/// transient: a retry within seconds only spends more of nothing.
/// </summary>
public sealed class SalesforceTransientClassifier : HttpTransientClassifier
{
    public override async ValueTask<bool> IsTransientAsync(HttpResponseMessage response)
    {
        if (await base.IsTransientAsync(response))
        {
            return true;
        }

        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500)
        {
            return false;
        }

        // The resilience handler buffers the body, so reading it here leaves it for the connector.
        var errors = SalesforceError.Parse(await response.Content.ReadAsStringAsync());
        return errors.Count > 0 && errors.All(IsTransient);
    }

    internal static bool IsTransient(SalesforceError error) => error.ErrorCode switch
    {
        SalesforceErrorCodes.UnableToLockRow => true,
        SalesforceErrorCodes.RequestLimitExceeded => error.Message.Contains("Concurrent", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
