using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Connectors.Simulators.Zendesk.ZendeskJsonShapes;

namespace Connectors.Simulators.Zendesk;

/// <summary>
/// The simulated endpoints. Every route answers with and without Zendesk's optional <c>.json</c> suffix.
/// Statuses and bodies follow the Zendesk docs as recorded in the facts file (crm-cti.md §2).
/// </summary>
internal static class ZendeskApiEndpoints
{
    private static readonly HashSet<string> Statuses = new(StringComparer.Ordinal) { "new", "open", "pending", "hold", "solved", "closed" };
    private static readonly HashSet<int> VoiceViaIds = [44, 45, 46];

    public static void Map(WebApplication app, ZendeskSimulator sim)
    {
        Route(app, "GET", "/api/v2/search", c => SearchAsync(c, sim));
        Route(app, "GET", "/api/v2/users/search", c => SearchUsersAsync(c, sim));
        Route(app, "GET", "/api/v2/users/{id:long}", c => GetUserAsync(c, sim));
        Route(app, "GET", "/api/v2/users/{id:long}/tickets/requested", c => RequestedTicketsAsync(c, sim));
        Route(app, "GET", "/api/v2/tickets", c => ListTicketsAsync(c, sim));
        Route(app, "POST", "/api/v2/tickets", c => CreateTicketAsync(c, sim));
        Route(app, "GET", "/api/v2/tickets/{id:long}", c => GetTicketAsync(c, sim));
        Route(app, "PUT", "/api/v2/tickets/{id:long}", c => UpdateTicketAsync(c, sim));
        Route(app, "GET", "/api/v2/tickets/{id:long}/comments", c => CommentsAsync(c, sim));
        Route(app, "POST", "/api/v2/channels/voice/agents/{agentId:long}/tickets/{id:long}/display", c => DisplayAsync(c, sim, "ticket"));
        Route(app, "POST", "/api/v2/channels/voice/agents/{agentId:long}/users/{id:long}/display", c => DisplayAsync(c, sim, "user"));
        Route(app, "POST", "/api/v2/channels/voice/tickets", c => CreateVoiceTicketAsync(c, sim));
    }

    private static void Route(WebApplication app, string method, string pattern, RequestDelegate handler)
    {
        app.MapMethods(pattern, [method], handler);
        app.MapMethods(pattern + ".json", [method], handler);
    }

    private static Task SearchAsync(HttpContext context, ZendeskSimulator sim)
    {
        var text = context.Request.Query["query"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return ZendeskSimulator.WriteAsync(context, 400, Error("InvalidValue", "The query parameter is required.").ToJsonString());
        }

        var query = ZendeskSearchQuery.Parse(text);
        var baseAddress = BaseAddress(context);
        List<JsonNode> results;
        lock (sim.Account.Sync)
        {
            var indexedBefore = sim.Account.Now - sim.Settings.SearchIndexLag;
            var users = query.Type is null or "user"
                ? sim.Account.UserTable.Values.Where(u => u.CreatedAt <= indexedBefore && query.Matches(u)).OrderBy(u => u.Id).Select(u => WithType(User(u, baseAddress), "user"))
                : [];
            var tickets = query.Type is null or "ticket"
                ? sim.Account.TicketTable.Values.Where(t => t.CreatedAt <= indexedBefore && query.Matches(t)).Select(t => WithType(Ticket(t, baseAddress), "ticket"))
                : [];
            results = [.. users, .. tickets];
        }

        var page = ZendeskSimulator.Page("results", results, context);
        page["facets"] = null;
        return ZendeskSimulator.WriteAsync(context, 200, page.ToJsonString());
    }

    private static Task SearchUsersAsync(HttpContext context, ZendeskSimulator sim)
    {
        var externalId = context.Request.Query["external_id"].ToString();
        var text = context.Request.Query["query"].ToString();
        if (externalId.Length == 0 && text.Length == 0)
        {
            return ZendeskSimulator.WriteAsync(context, 400, Error("InvalidValue", "Provide query or external_id.").ToJsonString());
        }

        var baseAddress = BaseAddress(context);
        List<JsonNode> users;
        lock (sim.Account.Sync)
        {
            // external_id is an exact database lookup; query goes through the (lagging) search index.
            var indexedBefore = sim.Account.Now - sim.Settings.SearchIndexLag;
            var query = ZendeskSearchQuery.Parse(text);
            users = sim.Account.UserTable.Values
                .Where(u => externalId.Length > 0 ? u.ExternalId == externalId : u.CreatedAt <= indexedBefore && query.Matches(u))
                .OrderBy(u => u.Id)
                .Select(u => (JsonNode)User(u, baseAddress))
                .ToList();
        }

        return ZendeskSimulator.WriteAsync(context, 200, ZendeskSimulator.Page("users", users, context).ToJsonString());
    }

    private static Task GetUserAsync(HttpContext context, ZendeskSimulator sim)
    {
        var id = RouteId(context, "id");
        JsonObject? user;
        lock (sim.Account.Sync)
        {
            user = sim.Account.UserTable.TryGetValue(id, out var found) ? User(found, BaseAddress(context)) : null;
        }

        return user is null
            ? NotFoundAsync(context)
            : ZendeskSimulator.WriteAsync(context, 200, new JsonObject { ["user"] = user }.ToJsonString());
    }

    private static Task RequestedTicketsAsync(HttpContext context, ZendeskSimulator sim)
    {
        var id = RouteId(context, "id");
        var sortBy = context.Request.Query["sort_by"].ToString();
        var descending = string.Equals(context.Request.Query["sort_order"].ToString(), "desc", StringComparison.OrdinalIgnoreCase);
        List<JsonNode>? tickets;
        lock (sim.Account.Sync)
        {
            if (!sim.Account.UserTable.ContainsKey(id))
            {
                tickets = null;
            }
            else
            {
                var mine = sim.Account.TicketTable.Values.Where(t => t.RequesterId == id);
                Func<ZendeskSimTicket, object> key = sortBy switch
                {
                    "created_at" => t => t.CreatedAt,
                    "updated_at" => t => t.UpdatedAt,
                    "status" => t => t.Status,
                    "subject" => t => t.Subject,
                    _ => t => t.Id,
                };
                var ordered = descending ? mine.OrderByDescending(key).ThenByDescending(t => t.Id) : mine.OrderBy(key).ThenBy(t => t.Id);
                tickets = ordered.Select(t => (JsonNode)Ticket(t, BaseAddress(context))).ToList();
            }
        }

        return tickets is null
            ? NotFoundAsync(context)
            : ZendeskSimulator.WriteAsync(context, 200, ZendeskSimulator.Page("tickets", tickets, context).ToJsonString());
    }

    private static Task ListTicketsAsync(HttpContext context, ZendeskSimulator sim)
    {
        var externalId = context.Request.Query["external_id"].ToString();
        List<JsonNode> tickets;
        lock (sim.Account.Sync)
        {
            // A database lookup, not search: a ticket is listed the moment it is committed.
            tickets = sim.Account.TicketTable.Values
                .Where(t => externalId.Length == 0 || t.ExternalId == externalId)
                .Select(t => (JsonNode)Ticket(t, BaseAddress(context)))
                .ToList();
        }

        return ZendeskSimulator.WriteAsync(context, 200, ZendeskSimulator.Page("tickets", tickets, context).ToJsonString());
    }

    private static Task GetTicketAsync(HttpContext context, ZendeskSimulator sim)
    {
        var id = RouteId(context, "id");
        JsonObject? ticket;
        lock (sim.Account.Sync)
        {
            ticket = sim.Account.TicketTable.TryGetValue(id, out var found) ? Ticket(found, BaseAddress(context)) : null;
        }

        return ticket is null
            ? NotFoundAsync(context)
            : ZendeskSimulator.WriteAsync(context, 200, new JsonObject { ["ticket"] = ticket }.ToJsonString());
    }

    private static Task CommentsAsync(HttpContext context, ZendeskSimulator sim)
    {
        var id = RouteId(context, "id");
        List<JsonNode>? comments;
        lock (sim.Account.Sync)
        {
            comments = sim.Account.TicketTable.TryGetValue(id, out var ticket)
                ? ticket.Comments.Select(c => (JsonNode)Comment(c)).ToList()
                : null;
        }

        return comments is null
            ? NotFoundAsync(context)
            : ZendeskSimulator.WriteAsync(context, 200, ZendeskSimulator.Page("comments", comments, context).ToJsonString());
    }

    /// <summary>
    /// Create with Idempotency-Key semantics: a new key commits and answers <c>miss</c>; the same key with
    /// the same body within the key's lifetime replays the first answer with <c>hit</c> and commits nothing;
    /// the same key with another body is 400 IdempotentRequestError.
    /// </summary>
    private static async Task CreateTicketAsync(HttpContext context, ZendeskSimulator sim)
    {
        var body = await ReadBodyAsync(context);
        if (body?["ticket"] is not JsonObject request)
        {
            await ZendeskSimulator.WriteAsync(context, 400, Error("InvalidValue", "The ticket parameter is missing.").ToJsonString());
            return;
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var agentId = (long)context.Items[ZendeskSimulator.AgentItem]!;
        var baseAddress = BaseAddress(context);
        int status;
        string response;
        string? lookup = null;
        string? location = null;
        lock (sim.Account.Sync)
        {
            var account = sim.Account;
            if (key.Length > 0 && account.IdempotencyTable.TryGetValue(key, out var earlier) && account.Now - earlier.At < sim.Settings.IdempotencyKeyLifetime)
            {
                if (!JsonNode.DeepEquals(earlier.Request, body))
                {
                    status = 400;
                    response = Error("IdempotentRequestError", "The request parameters do not match the ones first sent with this idempotency key.").ToJsonString();
                }
                else
                {
                    status = 201;
                    response = earlier.Response;
                    lookup = "hit";
                }
            }
            else if (ValidateCreate(account, request) is { } invalid)
            {
                status = 422;
                response = invalid.ToJsonString();
            }
            else
            {
                var ticket = NewTicket(account, request, agentId);
                account.TicketTable[ticket.Id] = ticket;
                response = new JsonObject
                {
                    ["ticket"] = Ticket(ticket, baseAddress),
                    ["audit"] = Audit(account.NextEventId(), ticket, agentId, ticket.Comments[0], [("Create", "subject", ticket.Subject), ("Create", "status", ticket.Status)]),
                }.ToJsonString();
                status = 201;
                location = new Uri(baseAddress, $"api/v2/tickets/{ticket.Id}.json").AbsoluteUri;
                if (key.Length > 0)
                {
                    account.IdempotencyTable[key] = new ZendeskAccount.IdempotencyRecord(body.DeepClone(), response, account.Now);
                    lookup = "miss";
                }
            }
        }

        if (lookup is not null)
        {
            context.Response.Headers["x-idempotency-lookup"] = lookup;
        }

        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }

        await ZendeskSimulator.WriteAsync(context, status, response);
    }

    /// <summary>
    /// Update; with <c>safe_update</c> the <c>updated_stamp</c> must equal the ticket's <c>updated_at</c>, else 409
    /// UpdateConflict and nothing changes. Closed tickets refuse updates; one ticket takes 30 updates per ten minutes.
    /// </summary>
    private static async Task UpdateTicketAsync(HttpContext context, ZendeskSimulator sim)
    {
        var id = RouteId(context, "id");
        var body = await ReadBodyAsync(context);
        if (body?["ticket"] is not JsonObject change)
        {
            await ZendeskSimulator.WriteAsync(context, 400, Error("InvalidValue", "The ticket parameter is missing.").ToJsonString());
            return;
        }

        var agentId = (long)context.Items[ZendeskSimulator.AgentItem]!;
        int status;
        string response;
        int? retryAfter = null;
        lock (sim.Account.Sync)
        {
            var account = sim.Account;
            if (!account.TicketTable.TryGetValue(id, out var ticket))
            {
                status = 404;
                response = Error("RecordNotFound", "Not found").ToJsonString();
            }
            else if (sim.RateLimiter.TakeTicketUpdate(id) is { Allowed: false } limited)
            {
                status = 429;
                response = string.Empty;
                retryAfter = limited.RetryAfterSeconds;
            }
            else if (Truthy(change["safe_update"]) && !SameStamp(change["updated_stamp"], ticket.UpdatedAt))
            {
                status = 409;
                response = Error("UpdateConflict", "The ticket was updated after the given updated_stamp; fetch it again and retry.").ToJsonString();
            }
            else if (ticket.Status == "closed")
            {
                status = 422;
                response = RecordInvalid("status", "Status: closed prevents ticket update", "ClosedPreventsUpdate").ToJsonString();
            }
            else if (ValidateUpdate(account, change) is { } invalid)
            {
                status = 422;
                response = invalid.ToJsonString();
            }
            else
            {
                var changes = Apply(ticket, change);
                var comment = change["comment"] is JsonObject c ? AddComment(account, ticket, c, agentId) : null;
                account.Touch(ticket);
                status = 200;
                response = new JsonObject
                {
                    ["ticket"] = Ticket(ticket, BaseAddress(context)),
                    ["audit"] = Audit(comment?.AuditId ?? account.NextEventId(), ticket, agentId, comment, changes),
                }.ToJsonString();
            }
        }

        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ZendeskSimulator.WriteTextAsync(context, 429, "You have exceeded the rate limit for updating a single ticket.");
            return;
        }

        await ZendeskSimulator.WriteAsync(context, status, response);
    }

    /// <summary>Talk Partner Edition screen pop: 200 with an empty body when delivered; 404 when the agent or record is unknown.</summary>
    private static Task DisplayAsync(HttpContext context, ZendeskSimulator sim, string recordType)
    {
        var agentId = RouteId(context, "agentId");
        var id = RouteId(context, "id");
        bool delivered;
        lock (sim.Account.Sync)
        {
            var account = sim.Account;
            var agentKnown = account.UserTable.TryGetValue(agentId, out var agent) && agent.IsAgent;
            var recordKnown = recordType == "ticket" ? account.TicketTable.ContainsKey(id) : account.UserTable.ContainsKey(id);
            delivered = agentKnown && recordKnown;
            if (delivered)
            {
                account.DisplayLog.Add(new ZendeskDisplay(agentId, recordType, id, account.Now));
            }
        }

        context.Response.StatusCode = delivered ? 200 : 404;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>
    /// TPE voice ticket: <c>display_to_agent</c> is validated before anything is created (422), the ticket
    /// needs a <c>via_id</c> of 44, 45 or 46 and a <c>voice_comment</c>; answers 201 <c>{ticket}</c>.
    /// </summary>
    private static async Task CreateVoiceTicketAsync(HttpContext context, ZendeskSimulator sim)
    {
        var body = await ReadBodyAsync(context);
        var agentId = (long)context.Items[ZendeskSimulator.AgentItem]!;
        int status;
        string response;
        lock (sim.Account.Sync)
        {
            var account = sim.Account;
            var displayTo = body?["display_to_agent"] is { } display ? LongOf(display) ?? -1 : (long?)null;
            if (displayTo is { } agent && !(account.UserTable.TryGetValue(agent, out var shown) && shown.IsAgent))
            {
                status = 422;
                response = RecordInvalid("display_to_agent", "Display to agent is not a valid agent").ToJsonString();
            }
            else if (body?["ticket"] is not JsonObject request)
            {
                status = 400;
                response = Error("InvalidValue", "The ticket parameter is missing.").ToJsonString();
            }
            else if (request["via_id"] is not { } via || LongOf(via) is not { } viaId || !VoiceViaIds.Contains((int)viaId))
            {
                status = 422;
                response = RecordInvalid("via_id", "Via id must be 44 (voicemail), 45 (inbound call) or 46 (outbound call)").ToJsonString();
            }
            else if (request["voice_comment"] is not JsonObject voice
                || new[] { "from", "to", "started_at", "call_duration" }.Any(f => voice[f] is null))
            {
                status = 422;
                response = RecordInvalid("voice_comment", "A voice comment needs from, to, started_at and call_duration", "BlankValue").ToJsonString();
            }
            else if (request["requester_id"] is { } requester && !(LongOf(requester) is { } requesterId && account.UserTable.ContainsKey(requesterId)))
            {
                status = 422;
                response = RecordInvalid("requester", "Requester is invalid").ToJsonString();
            }
            else
            {
                var from = (string?)voice["from"] ?? string.Empty;
                var subject = (string?)request["subject"] ?? (viaId == 44 ? "Voicemail from " : "Call with ") + from;
                var ticket = new ZendeskSimTicket
                {
                    Id = account.NextTicketId(),
                    Subject = subject,
                    Description = (string?)voice["transcription_text"] ?? subject,
                    RequesterId = LongOf(request["requester_id"]) ?? agentId,
                    SubmitterId = agentId,
                    ExternalId = (string?)request["external_id"],
                    ViaChannel = "voice",
                    ViaId = (int)viaId,
                    CreatedAt = ZendeskAccount.WholeSeconds(account.Now),
                };
                ticket.UpdatedAt = ticket.CreatedAt;
                ticket.Tags.AddRange(Tags(request["tags"]));
                ticket.Comments.Add(new ZendeskSimComment
                {
                    Id = account.NextEventId(),
                    AuditId = account.NextEventId(),
                    Type = "VoiceComment",
                    Body = ticket.Description,
                    Public = false,
                    AuthorId = agentId,
                    CreatedAt = ticket.CreatedAt,
                    Data = (JsonObject)voice.DeepClone(),
                });
                account.TicketTable[ticket.Id] = ticket;
                if (displayTo is { } shownTo)
                {
                    account.DisplayLog.Add(new ZendeskDisplay(shownTo, "ticket", ticket.Id, account.Now));
                }

                status = 201;
                response = new JsonObject { ["ticket"] = Ticket(ticket, BaseAddress(context)) }.ToJsonString();
            }
        }

        await ZendeskSimulator.WriteAsync(context, status, response);
    }

    private static JsonObject? ValidateCreate(ZendeskAccount account, JsonObject request)
    {
        var comment = request["comment"] as JsonObject;
        var text = (string?)comment?["body"] ?? (string?)comment?["html_body"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return RecordInvalid("description", "Description: cannot be blank", "BlankValue");
        }

        return ValidateUpdate(account, request);
    }

    private static JsonObject? ValidateUpdate(ZendeskAccount account, JsonObject change)
    {
        if (change["requester_id"] is { } requester && !(LongOf(requester) is { } id && account.UserTable.ContainsKey(id)))
        {
            return RecordInvalid("requester", "Requester is invalid");
        }

        if (change["status"] is { } status && !Statuses.Contains((string?)status ?? string.Empty))
        {
            return RecordInvalid("status", "Status is invalid");
        }

        return null;
    }

    private static ZendeskSimTicket NewTicket(ZendeskAccount account, JsonObject request, long agentId)
    {
        var comment = (JsonObject)request["comment"]!;
        var text = (string?)comment["body"] ?? StripTags((string?)comment["html_body"] ?? string.Empty);
        var now = ZendeskAccount.WholeSeconds(account.Now);
        var ticket = new ZendeskSimTicket
        {
            Id = account.NextTicketId(),
            Subject = (string?)request["subject"] ?? (text.Length <= 50 ? text : text[..50]),
            Description = text,
            Status = (string?)request["status"] ?? "new",
            Priority = (string?)request["priority"],
            Type = (string?)request["type"],
            RequesterId = LongOf(request["requester_id"]) ?? agentId,
            SubmitterId = agentId,
            ExternalId = (string?)request["external_id"],
            ViaChannel = "api",
            CreatedAt = now,
            UpdatedAt = now,
        };
        ticket.Tags.AddRange(Tags(request["tags"]));
        foreach (var (id, value) in CustomFields(request["custom_fields"]))
        {
            ticket.CustomFields[id] = value;
        }

        ticket.Comments.Add(new ZendeskSimComment
        {
            Id = account.NextEventId(),
            AuditId = account.NextEventId(),
            Body = text,
            Public = comment["public"] is not { } isPublic || Truthy(isPublic),
            AuthorId = LongOf(comment["author_id"]) ?? agentId,
            CreatedAt = now,
        });
        return ticket;
    }

    private static List<(string Type, string Field, string? Value)> Apply(ZendeskSimTicket ticket, JsonObject change)
    {
        var changes = new List<(string, string, string?)>();
        void Set(string field, string? value, Action<string?> apply)
        {
            apply(value);
            changes.Add(("Change", field, value));
        }

        if (change["subject"] is { } subject)
        {
            Set("subject", (string?)subject, v => ticket.Subject = v ?? ticket.Subject);
        }

        if (change["status"] is { } status)
        {
            Set("status", (string?)status, v => ticket.Status = v ?? ticket.Status);
        }

        if (change["priority"] is { } priority)
        {
            Set("priority", (string?)priority, v => ticket.Priority = v);
        }

        if (change["external_id"] is { } externalId)
        {
            Set("external_id", (string?)externalId, v => ticket.ExternalId = v);
        }

        if (LongOf(change["requester_id"]) is { } requester)
        {
            Set("requester_id", requester.ToString(CultureInfo.InvariantCulture), _ => ticket.RequesterId = requester);
        }

        if (change["tags"] is { } tags)
        {
            var replaced = Tags(tags).ToList();
            Set("tags", string.Join(' ', replaced), _ =>
            {
                ticket.Tags.Clear();
                ticket.Tags.AddRange(replaced);
            });
        }

        foreach (var (id, value) in CustomFields(change["custom_fields"]))
        {
            Set("custom_field_" + id.ToString(CultureInfo.InvariantCulture), value, v => ticket.CustomFields[id] = v);
        }

        return changes;
    }

    /// <summary><c>[{"id": 360000000001, "value": "..."}]</c>: the fields listed, by id (Zendesk keeps the others).</summary>
    private static IEnumerable<(long Id, string? Value)> CustomFields(JsonNode? fields) =>
        fields is JsonArray array
            ? array.OfType<JsonObject>()
                .Select(f => (Id: LongOf(f["id"]), Value: f["value"] is { } v && v.GetValueKind() != JsonValueKind.Null ? v.ToString() : null))
                .Where(f => f.Id is not null)
                .Select(f => (f.Id!.Value, f.Value))
            : [];

    private static ZendeskSimComment AddComment(ZendeskAccount account, ZendeskSimTicket ticket, JsonObject request, long agentId)
    {
        var comment = new ZendeskSimComment
        {
            Id = account.NextEventId(),
            AuditId = account.NextEventId(),
            Body = (string?)request["body"] ?? StripTags((string?)request["html_body"] ?? string.Empty),
            Public = request["public"] is not { } isPublic || Truthy(isPublic),
            AuthorId = LongOf(request["author_id"]) ?? agentId,
            CreatedAt = ZendeskAccount.WholeSeconds(account.Now),
        };
        ticket.Comments.Add(comment);
        return comment;
    }

    /// <summary>Zendesk keeps tags lowercase and splits a tag with spaces into several.</summary>
    private static IEnumerable<string> Tags(JsonNode? tags) =>
        tags is JsonArray array
            ? array.Select(t => (string?)t ?? string.Empty)
                .SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(t => t.ToLowerInvariant())
                .Distinct(StringComparer.Ordinal)
            : [];

    private static bool SameStamp(JsonNode? stamp, DateTimeOffset updatedAt) =>
        DateTimeOffset.TryParse((string?)stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
        && ZendeskAccount.WholeSeconds(sent) == updatedAt;

    private static bool Truthy(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => string.Equals((string?)value, "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static long? LongOf(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => (long)value,
        JsonValueKind.String when long.TryParse((string?)value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string StripTags(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", string.Empty);

    private static JsonNode WithType(JsonObject json, string type)
    {
        json["result_type"] = type;
        return json;
    }

    private static long RouteId(HttpContext context, string name) =>
        long.Parse((string)context.GetRouteValue(name)!, CultureInfo.InvariantCulture);

    private static Uri BaseAddress(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}/");

    private static Task NotFoundAsync(HttpContext context) =>
        ZendeskSimulator.WriteAsync(context, 404, Error("RecordNotFound", "Not found").ToJsonString());

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
