namespace Connectors.Core.Crm.Salesforce;

/// <summary>The REST error codes the connector acts on.</summary>
public static class SalesforceErrorCodes
{
    public const string InvalidSessionId = "INVALID_SESSION_ID";
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";
    public const string UnableToLockRow = "UNABLE_TO_LOCK_ROW";
    public const string ServerUnavailable = "SERVER_UNAVAILABLE";
    public const string NotFound = "NOT_FOUND";
    public const string InvalidFieldForInsertUpdate = "INVALID_FIELD_FOR_INSERT_UPDATE";

    /// <summary>Not a Salesforce code: our name for HTTP 300, several records sharing one external id.</summary>
    public const string MultipleRecordsShareKey = "MULTIPLE_RECORDS_SHARE_KEY";
}
