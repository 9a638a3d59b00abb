namespace Connectors.Simulators.Salesforce;

/// <summary>How the simulated org behaves. Tests change these between requests; <c>PUT /_sim/settings</c> replaces them.</summary>
public sealed class SalesforceSimulatorSettings
{
    /// <summary>Consumer key of the connected app. Default <c>3MVG9Simulator.ConsumerKey</c>.</summary>
    public string ClientId { get; set; } = "3MVG9Simulator.ConsumerKey";

    /// <summary>Consumer secret; obviously not a real one. Default <c>simulator-secret-not-real</c>.</summary>
    public string ClientSecret { get; set; } = "simulator-secret-not-real";

    /// <summary>False answers the token request 400 invalid_grant, as an app without the flow enabled does.</summary>
    public bool ClientCredentialsEnabled { get; set; } = true;

    /// <summary>True: tokens are still issued but every REST call answers 401 INVALID_SESSION_ID (frozen Run As user).</summary>
    public bool IntegrationUserFrozen { get; set; }

    /// <summary>Session lifetime; a token older than this answers 401 INVALID_SESSION_ID. Default 2 hours.</summary>
    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Rows per query page before <c>nextRecordsUrl</c>. Default 2,000 (Salesforce's maximum).</summary>
    public int QueryBatchSize { get; set; } = 2000;

    /// <summary>How long a new or changed record stays invisible to SOSL. Default zero.</summary>
    public TimeSpan SearchIndexLag { get; set; }

    /// <summary>Rolling 24-hour API allowance; past it every call answers 403 REQUEST_LIMIT_EXCEEDED. Default 100,000.</summary>
    public long DailyApiLimit { get; set; } = 100_000;

    /// <summary>Share of upserts refused with 400 UNABLE_TO_LOCK_ROW before anything is written. Default 0.</summary>
    public double LockRowFailureRate { get; set; }

    /// <summary>Objects with an active duplicate rule that blocks creates (400 DUPLICATES_DETECTED). Default none.</summary>
    public IList<string> DuplicateRuleObjects { get; set; } = [];

    /// <summary>
    /// Answer updates 204 No Content whatever version is called, as a v45-or-older pin does, so a client
    /// pinned to v46+ can have its 204 handling exercised. Default false (204 only for v45 and older).
    /// </summary>
    public bool LegacyUpdateAnswers { get; set; }
}
