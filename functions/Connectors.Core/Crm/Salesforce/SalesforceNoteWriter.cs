using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Adds a note or redacted transcript to a record as an upsert of the configured note object by its
/// external id (the idempotency key of the call key and the note's name), so repeating it rewrites the
/// same note instead of adding another.
/// </summary>
public sealed partial class SalesforceNoteWriter
{
    private const int MaxTitle = 80;
    private const int MaxBody = 131_072;

    private readonly SalesforceRestClient _api;
    private readonly IOptions<SalesforceOptions> _options;
    private readonly ILogger _logger;

    public SalesforceNoteWriter(SalesforceRestClient api, IOptions<SalesforceOptions> options, ILogger<SalesforceNoteWriter> logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
    }

    public async Task<CrmNoteResult> AddAsync(CrmNote note, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (!SalesforceRecordId.IsValid(note.RecordId))
        {
            throw new CrmRejectedException(CrmKind.Salesforce, 400, "MALFORMED_ID", "A note belongs to a record id of 15 or 18 letters and digits.");
        }

        var o = _options.Value;
        var key = IdempotencyKey.For(note.CallKey, note.NoteName);
        var answer = await _api.UpsertAsync(o.NoteObject, o.NoteExternalIdField, key, Body(note, o), call, "upsert-note", cancellationToken);
        string? id;
        switch (answer.Status)
        {
            case 201 or 200 when answer.Id is not null:
                id = answer.Id;
                break;
            case 204:
                var stored = await _api.GetByExternalIdAsync(o.NoteObject, o.NoteExternalIdField, key, ["Id"], call, "read-note", cancellationToken);
                id = stored is { } s ? SalesforceJson.String(s, "Id") : null;
                break;
            default:
                throw SalesforceRestClient.Rejected(answer.Status, answer.Errors, $"Salesforce refused the {o.NoteObject} upsert");
        }

        if (id is null)
        {
            throw new CrmUnavailableException(CrmKind.Salesforce, "record-not-readable", outcomeUnknown: true);
        }

        var alreadyPresent = answer.Status != 201 && answer.Created != true;
        LogWritten(call.CallId, o.NoteObject, id, alreadyPresent);
        return new CrmNoteResult(id, alreadyPresent);
    }

    internal static JsonObject Body(CrmNote note, SalesforceOptions options) => new()
    {
        ["Name"] = SalesforceFieldText.Truncate(note.Title, MaxTitle),
        [options.NoteRecordField] = note.RecordId,
        [options.NoteBodyField] = SalesforceFieldText.Truncate(note.Body, MaxBody),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Note of call {CallId} on Salesforce {SObject} {RecordId} (already present: {AlreadyPresent})")]
    private partial void LogWritten(string callId, string sObject, string recordId, bool alreadyPresent);
}
