namespace Connectors.Core.Observability;

/// <summary>
/// Names of every instrument on the <see cref="ConnectorsTelemetry.MeterName"/> meter, and of their tags: the one
/// source of metric names. The operator workbook (bicep/workbooks/contract-signals.json) charts only names from here,
/// and every instrument Core creates takes its name from here (tests hold both). Tag values are lower-case strings: a boolean tag is written as <c>"true"</c>/<c>"false"</c>, because
/// exporters format a boxed bool differently.
/// </summary>
public static class MetricNames
{
    /// <summary>Counter: calls that ended. The denominator of "dispositions per completed call".</summary>
    public const string CallsCompleted = "connectors.calls.completed";

    /// <summary>Histogram, milliseconds: one CRM lookup (by phone, by account number, account snapshot). Tags: <see cref="TagCrm"/>, <see cref="TagOutcome"/>.</summary>
    public const string CrmLookupDuration = "connectors.crm.lookup.duration";

    /// <summary>
    /// Name of the activity (span) around one CRM lookup, on <see cref="ConnectorsTelemetry.ActivitySourceName"/>.
    /// Azure Monitor keeps only sum, count, min and max of a histogram, so the workbook's p50/p99 come from these spans.
    /// </summary>
    public const string CrmLookupActivity = "connectors.crm.lookup";

    /// <summary>Counter: one attempt at an authentication method. Tags: <see cref="TagMethod"/>, <see cref="TagOutcome"/> (<c>passed</c>, <c>failed</c>, <c>locked-out</c>, <c>expired</c>).</summary>
    public const string AuthAttempts = "connectors.auth.attempts";

    /// <summary>
    /// Counter: a disposition record this call's wrap-up created in the CRM (outcome <c>Created</c> only, so a retry
    /// that finds the record already there adds nothing). Above one per completed call means duplicates. Tag: <see cref="TagCrm"/>.
    /// </summary>
    public const string WrapUpDispositions = "connectors.wrapup.dispositions";

    /// <summary>Counter: a disposition the human changed before confirming the AI draft. Divided by <see cref="WrapUpDispositions"/> it is the edit rate.</summary>
    public const string WrapUpEdits = "connectors.wrapup.edits";

    /// <summary>Counter: a wrap-up that exhausted its retries and was parked for replay (never dropped silently).</summary>
    public const string WrapUpParked = "connectors.wrapup.parked";

    /// <summary>Counter: a parked wrap-up that was replayed. Parked minus replayed is what still waits.</summary>
    public const string WrapUpReplayed = "connectors.wrapup.replayed";

    /// <summary>Histogram, seconds: from the call's end to its wrap-up recorded in the CRM (confirmation wait included). Tag: <see cref="TagOutcome"/> (the confirmation).</summary>
    public const string WrapUpDuration = "connectors.wrapup.duration";

    /// <summary>Counter: a warm transfer. Tag: <see cref="TagComplete"/>, <c>"true"</c> when the baton carried everything the human needs.</summary>
    public const string BatonTransfers = "connectors.baton.transfers";

    /// <summary>
    /// Counter: the re-explain signal, an agent's one-click report after a transfer of what the caller had to repeat (once per
    /// transfer). Tags: <see cref="TagRepeated"/> (<c>nothing</c>, <c>identity</c>, <c>reason</c>, <c>account</c>) and
    /// <see cref="TagComplete"/> (the baton's completeness). Reports other than <c>nothing</c> over all reports is the re-explain rate.
    /// </summary>
    public const string BatonFeedback = "connectors.baton.feedback";

    /// <summary>Counter: a screen-pop prefetch finished. Tag: <see cref="TagOutcome"/> (e.g. <c>single-match</c>, <c>ambiguous</c>, <c>no-match</c>, <c>crm-unavailable</c>).</summary>
    public const string PrefetchOutcomes = "connectors.prefetch.outcomes";

    /// <summary>Counter: an account read served to a gate or a turn. Tag: <see cref="TagServed"/> (<c>cache</c>, <c>waited</c>, <c>degraded</c>, <c>pending</c>).</summary>
    public const string AccountReads = "connectors.account.reads";

    /// <summary>Histogram, milliseconds: one CRM request through its resilience pipeline. Tags: <see cref="TagCrm"/>, operation, <see cref="TagOutcome"/>.</summary>
    public const string CrmRequestDuration = "connectors.crm.request.duration";

    /// <summary>Gauge: share of the CRM org's API allowance used, as the CRM last reported it. Tag: <see cref="TagCrm"/>.</summary>
    public const string CrmApiUsageRatio = "connectors.crm.api.usage.ratio";

    /// <summary>Counter: one-time-code sends. Tags: channel, provider, <see cref="TagOutcome"/>.</summary>
    public const string PasscodeSends = "connectors.auth.passcode.sends";

    /// <summary>
    /// Counter: one request (one billed transaction) sent to Azure Storage, retries included. Tags: <see cref="TagStorageService"/>,
    /// <see cref="TagStorageClient"/>. What a call costs in storage is this counter divided by calls.
    /// </summary>
    public const string StorageTransactions = "connectors.storage.transactions";

    /// <summary>Tag: the authentication method (kebab-case of <c>AuthMethod</c>, e.g. <c>sms-passcode</c>).</summary>
    public const string TagMethod = "method";

    /// <summary>Tag: a short, stable outcome code.</summary>
    public const string TagOutcome = "outcome";

    /// <summary>Tag: <c>"true"</c> or <c>"false"</c>.</summary>
    public const string TagComplete = "complete";

    /// <summary>Tag: how an account read was served.</summary>
    public const string TagServed = "served";

    /// <summary>Tag: what the caller had to repeat after a transfer, as the agent reported it.</summary>
    public const string TagRepeated = "repeated";

    /// <summary>Tag: <c>salesforce</c> or <c>zendesk</c>.</summary>
    public const string TagCrm = "crm";

    /// <summary>Tag: the storage service a request went to: <c>table</c>, <c>queue</c> or <c>blob</c>.</summary>
    public const string TagStorageService = "service";

    /// <summary>Tag: whose client sent a storage request: <c>app</c> (Core's stores) or <c>durable-engine</c> (the Durable Task engine's).</summary>
    public const string TagStorageClient = "client";
}
