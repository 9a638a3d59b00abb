using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Simulators.Zendesk;

/// <summary>Simulated records in the JSON shapes of the Zendesk Support API.</summary>
public static class ZendeskJsonShapes
{
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static JsonObject Ticket(ZendeskSimTicket ticket, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new JsonObject
        {
            ["url"] = new Uri(baseAddress, $"api/v2/tickets/{ticket.Id}.json").AbsoluteUri,
            ["id"] = ticket.Id,
            ["external_id"] = ticket.ExternalId,
            ["via"] = new JsonObject { ["channel"] = ticket.ViaChannel, ["source"] = new JsonObject { ["rel"] = null } },
            ["created_at"] = Stamp(ticket.CreatedAt),
            ["updated_at"] = Stamp(ticket.UpdatedAt),
            ["type"] = ticket.Type,
            ["subject"] = ticket.Subject,
            ["raw_subject"] = ticket.Subject,
            ["description"] = ticket.Description,
            ["priority"] = ticket.Priority,
            ["status"] = ticket.Status,
            ["requester_id"] = ticket.RequesterId,
            ["submitter_id"] = ticket.SubmitterId,
            ["assignee_id"] = ticket.AssigneeId,
            ["tags"] = new JsonArray(ticket.Tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
            ["custom_fields"] = new JsonArray(ticket.CustomFields.OrderBy(f => f.Key).Select(f => (JsonNode)new JsonObject { ["id"] = f.Key, ["value"] = f.Value }).ToArray()),
            ["is_public"] = ticket.Comments.Any(c => c.Public),
        };
    }

    public static JsonObject User(ZendeskSimUser user, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(user);
        var fields = new JsonObject();
        foreach (var (key, value) in user.UserFields)
        {
            fields[key] = value switch
            {
                null => null,
                string s => JsonValue.Create(s),
                decimal d => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                double x => JsonValue.Create(x),
                _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
            };
        }

        return new JsonObject
        {
            ["id"] = user.Id,
            ["url"] = new Uri(baseAddress, $"api/v2/users/{user.Id}.json").AbsoluteUri,
            ["name"] = user.Name,
            ["email"] = user.Email,
            ["phone"] = user.Phone,
            ["shared_phone_number"] = user.Phone is null ? null : user.SharedPhoneNumber,
            ["role"] = user.Role,
            ["external_id"] = user.ExternalId,
            ["active"] = true,
            ["verified"] = true,
            ["created_at"] = Stamp(user.CreatedAt),
            ["updated_at"] = Stamp(user.UpdatedAt),
            ["user_fields"] = fields,
        };
    }

    public static JsonObject Comment(ZendeskSimComment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var json = new JsonObject
        {
            ["id"] = comment.Id,
            ["type"] = comment.Type,
            ["author_id"] = comment.AuthorId,
            ["body"] = comment.Body,
            ["html_body"] = "<div class=\"zd-comment\"><p>" + System.Net.WebUtility.HtmlEncode(comment.Body).Replace("\n", "<br>", StringComparison.Ordinal) + "</p></div>",
            ["plain_body"] = comment.Body,
            ["public"] = comment.Public,
            ["audit_id"] = comment.AuditId,
            ["attachments"] = new JsonArray(),
            ["created_at"] = Stamp(comment.CreatedAt),
        };
        if (comment.Data is not null)
        {
            json["data"] = comment.Data.DeepClone();
        }

        return json;
    }

    /// <summary>The audit of one create or update: its comment, then the field changes.</summary>
    public static JsonObject Audit(long auditId, ZendeskSimTicket ticket, long authorId, ZendeskSimComment? comment, IEnumerable<(string Type, string Field, string? Value)> changes)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(changes);
        var events = new JsonArray();
        if (comment is not null)
        {
            events.Add(Comment(comment));
        }

        var next = auditId * 100;
        foreach (var (type, field, value) in changes)
        {
            events.Add(new JsonObject { ["id"] = ++next, ["type"] = type, ["field_name"] = field, ["value"] = value });
        }

        return new JsonObject
        {
            ["id"] = auditId,
            ["ticket_id"] = ticket.Id,
            ["created_at"] = Stamp(ticket.UpdatedAt),
            ["author_id"] = authorId,
            ["metadata"] = new JsonObject { ["system"] = new JsonObject(), ["custom"] = new JsonObject() },
            ["events"] = events,
        };
    }

    public static JsonObject Error(string error, string description, JsonObject? details = null)
    {
        var json = new JsonObject { ["error"] = error, ["description"] = description };
        if (details is not null)
        {
            json["details"] = details;
        }

        return json;
    }

    /// <summary><c>{"error":"RecordInvalid", ..., "details": {field: [{description, error}]}}</c>, Zendesk's 422.</summary>
    public static JsonObject RecordInvalid(string field, string description, string error = "InvalidValue") =>
        Error("RecordInvalid", "Record validation errors", new JsonObject
        {
            [field] = new JsonArray(new JsonObject { ["description"] = description, ["error"] = error }),
        });
}
