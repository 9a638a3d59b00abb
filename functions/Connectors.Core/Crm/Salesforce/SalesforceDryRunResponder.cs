using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Core.Crm.DryRun;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Answers a dry-run write as Salesforce would. An upsert by external id whose key this call has not
/// written yet: 201 <c>{id, success, errors, created:true}</c> with a realistic 18-character id derived
/// from the object and key (the same id every time). A repeat: 200 <c>created:false</c> with that id
/// (204 before v46), or, when the body sets a create-only field (Task's TaskSubtype), the 400
/// INVALID_FIELD_FOR_INSERT_UPDATE the real API gives. A read by external id of a record only this dry
/// run made up (which the org would answer 404) is answered with the record as the dry run's accepted
/// writes left it, so the connector's follow-up read decides exactly as it does on a live call.
/// </summary>
public sealed partial class SalesforceDryRunResponder : IDryRunResponder
{
    private static readonly Dictionary<string, string[]> CreateOnlyFields = new(StringComparer.OrdinalIgnoreCase)
    {
        [SalesforceDispositionWriter.TaskObject] = ["TaskSubtype"],
    };

    public CrmKind Crm => CrmKind.Salesforce;

    public DryRunReply Respond(WriteLedgerEntry write, IReadOnlyList<WriteLedgerEntry> earlier)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(earlier);
        var match = UpsertPath().Match(write.Path);
        if (!string.Equals(write.Method, HttpMethod.Patch.Method, StringComparison.OrdinalIgnoreCase) || !match.Success)
        {
            return Error(400, "DRY_RUN_UNSUPPORTED", $"The dry run answers upserts by external id only, not {write.Method} {write.Path}.");
        }

        var version = decimal.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
        var sobject = match.Groups["object"].Value;
        var key = Uri.UnescapeDataString(match.Groups["value"].Value);
        var created = earlier.FirstOrDefault(e => e.SimulatedStatus is >= 200 and < 300 && e.SimulatedRecordId is not null);
        if (created is null)
        {
            var id = SalesforceRecordId.Derive(sobject, key);
            return new DryRunReply(201, Result(id, created: true, version), id);
        }

        if (CreateOnlyFields.TryGetValue(sobject, out var createOnly) && SetsAny(write.Body, createOnly) is { } field)
        {
            return Error(400, SalesforceErrorCodes.InvalidFieldForInsertUpdate,
                $"Unable to create/update fields: {field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                field);
        }

        return version >= SalesforceOptions.MinimumApiVersion
            ? new DryRunReply(200, Result(created.SimulatedRecordId!, created: false, version), created.SimulatedRecordId)
            : new DryRunReply(204, null, created.SimulatedRecordId);
    }

    public DryRunReply? RespondToRead(string pathAndQuery, IReadOnlyList<WriteLedgerEntry> callLedger)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        ArgumentNullException.ThrowIfNull(callLedger);
        var read = UpsertPath().Match(pathAndQuery);
        if (!read.Success)
        {
            return null;
        }

        // Only writes the dry run answered as accepted made the record; a refused one (the 400 of a repeat) changed nothing.
        var accepted = callLedger
            .Where(e => e.Crm == Crm
                        && string.Equals(e.Method, HttpMethod.Patch.Method, StringComparison.OrdinalIgnoreCase)
                        && e.SimulatedStatus is >= 200 and < 300
                        && e.SimulatedRecordId is not null
                        && UpsertPath().Match(e.Path) is { Success: true } write
                        && SameRecord(write, read))
            .ToList();
        if (accepted.Count == 0)
        {
            return null;
        }

        // Field names are case-insensitive in Salesforce; later writes win, as they would in the org.
        var id = accepted[0].SimulatedRecordId!;
        var state = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
        foreach (var write in accepted)
        {
            if (ParseObject(write.Body) is { } fields)
            {
                foreach (var (name, value) in fields)
                {
                    state[name] = value?.DeepClone();
                }
            }
        }

        var sobject = read.Groups["object"].Value;
        var version = read.Groups["version"].Value;
        var requested = RequestedFields(pathAndQuery) ?? state.Select(p => p.Key).Prepend("Id").ToList();
        var record = new JsonObject
        {
            ["attributes"] = new JsonObject { ["type"] = sobject, ["url"] = $"/services/data/v{version}/sobjects/{sobject}/{id}" },
        };
        foreach (var name in requested)
        {
            // A field nobody wrote reads as null, as an unset field does in the org.
            record[name] = string.Equals(name, "Id", StringComparison.OrdinalIgnoreCase)
                ? id
                : state.TryGetPropertyValue(name, out var value) ? value?.DeepClone() : null;
        }

        return new DryRunReply(200, record.ToJsonString(), id);
    }

    private static bool SameRecord(Match write, Match read) =>
        string.Equals(write.Groups["object"].Value, read.Groups["object"].Value, StringComparison.OrdinalIgnoreCase)
        && string.Equals(write.Groups["field"].Value, read.Groups["field"].Value, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Uri.UnescapeDataString(write.Groups["value"].Value), Uri.UnescapeDataString(read.Groups["value"].Value), StringComparison.Ordinal);

    /// <summary>The <c>fields</c> parameter of a read, or null when it names none (the org then returns every field).</summary>
    private static List<string>? RequestedFields(string pathAndQuery)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        foreach (var parameter in pathAndQuery[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (parameter.StartsWith("fields=", StringComparison.OrdinalIgnoreCase))
            {
                var fields = Uri.UnescapeDataString(parameter["fields=".Length..])
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .ToList();
                return fields.Count == 0 ? null : fields;
            }
        }

        return null;
    }

    private static JsonObject? ParseObject(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Result(string id, bool created, decimal version)
    {
        var result = new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() };
        if (version >= SalesforceOptions.MinimumApiVersion)
        {
            result["created"] = created;
        }

        return result.ToJsonString();
    }

    private static DryRunReply Error(int status, string code, string message, string? field = null)
    {
        var fields = new JsonArray();
        if (field is not null)
        {
            fields.Add(field);
        }

        var body = new JsonArray(new JsonObject { ["message"] = message, ["errorCode"] = code, ["fields"] = fields });
        return new DryRunReply(status, body.ToJsonString(), null);
    }

    private static string? SetsAny(string? body, string[] fields)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? fields.FirstOrDefault(f => document.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, f, StringComparison.OrdinalIgnoreCase)))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^/services/data/v(?<version>\d{2,3}\.\d)/sobjects/(?<object>[A-Za-z][A-Za-z0-9_]*)/(?<field>[A-Za-z][A-Za-z0-9_]*)/(?<value>[^/?]+)(\?.*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex UpsertPath();
}
