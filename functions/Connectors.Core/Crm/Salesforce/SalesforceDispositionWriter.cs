using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Writes the call's disposition as an upsert by external id (the idempotency key) on the configured
/// object, by default a Task logged as a call. Task's <c>TaskSubtype</c> can be set on create only, so
/// a repeat that finds the record (the 400 INVALID_FIELD_FOR_INSERT_UPDATE naming only that field)
/// reads the record: when it already holds what we send the outcome is AlreadyPresent and nothing is
/// written; otherwise the other fields are upserted again and the outcome is Updated.
/// </summary>
public sealed partial class SalesforceDispositionWriter
{
    public const string TaskObject = "Task";
    private const int MaxSubject = 255;
    private const int MaxDescription = 32_000;

    private readonly SalesforceRestClient _api;
    private readonly IOptions<SalesforceOptions> _options;
    private readonly ILogger _logger;

    public SalesforceDispositionWriter(SalesforceRestClient api, IOptions<SalesforceOptions> options, ILogger<SalesforceDispositionWriter> logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
    }

    public async Task<DispositionWriteResult> UpsertAsync(DispositionRecord disposition, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        var o = _options.Value;
        var key = IdempotencyKey.For(disposition.CallKey, disposition.WriteName);
        var (body, createOnly) = Body(disposition, o.DispositionObject);

        var answer = await _api.UpsertAsync(o.DispositionObject, o.DispositionExternalIdField, key, body, call, "upsert-disposition", cancellationToken);
        if (IsRefusedOnlyFor(answer, createOnly))
        {
            return await ReconcileAsync(body, createOnly, key, call, cancellationToken);
        }

        var result = await InterpretAsync(answer, key, call, cancellationToken);
        LogWritten(call.CallId, result.Outcome, o.DispositionObject, result.RecordId);
        return result;
    }

    /// <summary>
    /// The body of the upsert, and which of its fields Salesforce accepts on create only. Field order is
    /// fixed, so the same disposition always makes the same bytes (the dry-run ledger compares them).
    /// </summary>
    internal static (JsonObject Body, IReadOnlySet<string> CreateOnly) Body(DispositionRecord d, string sobject)
    {
        var isTask = string.Equals(sobject, TaskObject, StringComparison.OrdinalIgnoreCase);
        var body = new JsonObject();
        if (isTask)
        {
            body["TaskSubtype"] = "Call";
        }

        body["Subject"] = SalesforceFieldText.Truncate(d.Subject ?? "Call: " + d.OutcomeCode, MaxSubject);
        body["Status"] = "Completed";
        body["CallObject"] = SalesforceFieldText.Truncate(d.CallKey, MaxSubject);
        body["CallDisposition"] = SalesforceFieldText.Truncate(d.OutcomeCode, MaxSubject);
        if (d.DurationSeconds is { } seconds)
        {
            body["CallDurationInSeconds"] = seconds;
        }

        body["Description"] = SalesforceFieldText.Truncate(d.Summary, MaxDescription);
        body["ActivityDate"] = d.CallStartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (d.ContactId is not null)
        {
            body["WhoId"] = d.ContactId;
        }

        if (d.AccountId is not null)
        {
            body["WhatId"] = d.AccountId;
        }

        return (body, isTask ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "TaskSubtype" } : new HashSet<string>());
    }

    private async Task<DispositionWriteResult> ReconcileAsync(JsonObject body, IReadOnlySet<string> createOnly,
        string key, CrmCallContext call, CancellationToken cancellationToken)
    {
        var o = _options.Value;
        var updatable = new JsonObject();
        foreach (var (name, value) in body)
        {
            if (!createOnly.Contains(name))
            {
                updatable[name] = value?.DeepClone();
            }
        }

        var stored = await _api.GetByExternalIdAsync(o.DispositionObject, o.DispositionExternalIdField, key,
            updatable.Select(p => p.Key).Prepend("Id"), call, "read-disposition", cancellationToken);
        var storedId = stored is { } s ? SalesforceJson.String(s, "Id") : null;
        if (stored is { } record && storedId is not null && Holds(record, updatable))
        {
            LogWritten(call.CallId, DispositionWriteOutcome.AlreadyPresent, o.DispositionObject, storedId);
            return new DispositionWriteResult(DispositionWriteOutcome.AlreadyPresent, storedId, key);
        }

        var answer = await _api.UpsertAsync(o.DispositionObject, o.DispositionExternalIdField, key, updatable, call, "update-disposition", cancellationToken);
        var result = answer.Status == 204 && storedId is not null
            ? new DispositionWriteResult(DispositionWriteOutcome.Updated, storedId, key)
            : await InterpretAsync(answer, key, call, cancellationToken);
        LogWritten(call.CallId, result.Outcome, o.DispositionObject, result.RecordId);
        return result;
    }

    private async Task<DispositionWriteResult> InterpretAsync(SalesforceUpsertAnswer answer, string key, CrmCallContext call, CancellationToken cancellationToken)
    {
        var o = _options.Value;
        switch (answer.Status)
        {
            case 201 or 200 when answer.Id is not null:
                var outcome = answer.Status == 201 || answer.Created == true ? DispositionWriteOutcome.Created : DispositionWriteOutcome.Updated;
                return new DispositionWriteResult(outcome, answer.Id, key);
            case 204:
                // Before v46 an update answers 204 without the id; read it back by the key.
                var stored = await _api.GetByExternalIdAsync(o.DispositionObject, o.DispositionExternalIdField, key, ["Id"], call, "read-disposition", cancellationToken);
                var id = stored is { } s ? SalesforceJson.String(s, "Id") : null;
                return id is not null
                    ? new DispositionWriteResult(DispositionWriteOutcome.Updated, id, key)
                    : throw new CrmUnavailableException(CrmKind.Salesforce, "record-not-readable", outcomeUnknown: true);
            default:
                throw SalesforceRestClient.Rejected(answer.Status, answer.Errors, $"Salesforce refused the {o.DispositionObject} upsert");
        }
    }

    internal static bool IsRefusedOnlyFor(SalesforceUpsertAnswer answer, IReadOnlySet<string> createOnly) =>
        answer.Status == 400
        && createOnly.Count > 0
        && answer.Errors.Count > 0
        && answer.Errors.All(e => e.ErrorCode == SalesforceErrorCodes.InvalidFieldForInsertUpdate
                                  && e.Fields.Count > 0
                                  && e.Fields.All(createOnly.Contains));

    /// <summary>Whether the stored record already holds every field we would send (fields we do not send are not ours to judge).</summary>
    internal static bool Holds(JsonElement stored, JsonObject wanted)
    {
        foreach (var (name, value) in wanted)
        {
            if (!stored.TryGetProperty(name, out var actual))
            {
                return false;
            }

            var same = value switch
            {
                null => actual.ValueKind == JsonValueKind.Null,
                JsonValue v when v.TryGetValue<string>(out var text) => actual.ValueKind == JsonValueKind.String && actual.GetString() == text,
                JsonValue v when v.TryGetValue<int>(out var number) => actual.ValueKind == JsonValueKind.Number && actual.TryGetDecimal(out var n) && n == number,
                _ => false,
            };
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disposition of call {CallId}: {Outcome} as Salesforce {SObject} {RecordId}")]
    private partial void LogWritten(string callId, DispositionWriteOutcome outcome, string sObject, string recordId);
}
