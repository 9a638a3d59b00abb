namespace Connectors.Core.Crm.Resilience;

/// <summary>
/// Says whether a CRM's answer means "try again". Beyond 408/429/5xx a CRM may have its own
/// (Salesforce's UNABLE_TO_LOCK_ROW arrives as a 400-class error body).
/// </summary>
public interface ICrmTransientClassifier
{
    ValueTask<bool> IsTransientAsync(HttpResponseMessage response);
}
