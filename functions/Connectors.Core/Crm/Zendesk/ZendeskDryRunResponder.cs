using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Core.Crm.DryRun;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// What Zendesk would answer to the connector's writes, for dry-run calls: a ticket create is 201
/// <c>{ticket, audit}</c> with <c>x-idempotency-lookup: miss</c>, and the same answer with <c>hit</c> when the
/// key repeats (400 IdempotentRequestError when the body differs); updates are 200 with the audit of the
/// comment; screen pops are 200. Ticket ids are realistic eight-digit integers derived from the key, so a
/// repeat gets the same id. Reads of tickets the dry run made up are answered from the call's ledger.
/// </summary>
public sealed partial class ZendeskDryRunResponder : IDryRunResponder
{
    private const string TicketsPath = "/api/v2/tickets";
    private const string VoiceTicketsPath = "/api/v2/channels/voice/tickets";

    public CrmKind Crm => CrmKind.Zendesk;

    public DryRunReply Respond(WriteLedgerEntry write, IReadOnlyList<WriteLedgerEntry> earlier)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(earlier);
        var path = PathOf(write.Path);
        if (write.Method == "POST" && path == TicketsPath)
        {
            return CreateTicket(write, earlier);
        }

        if (write.Method == "POST" && path == VoiceTicketsPath)
        {
            return Created(write, TicketId(write), "voice", lookup: null);
        }

        if (write.Method == "PUT" && TicketPath().Match(path) is { Success: true } ticket)
        {
            return UpdateTicket(write, ParseId(ticket));
        }

        if (write.Method == "POST" && DisplayPath().IsMatch(path))
        {
            return new DryRunReply(200, null, null);
        }

        // A write this responder does not know is a gap in the dry run, not something to wave through.
        return Error(400, "DryRunUnknownWrite", $"The Zendesk dry run does not know {write.Method} {path}.");
    }

    public DryRunReply? RespondToRead(string pathAndQuery, IReadOnlyList<WriteLedgerEntry> callLedger)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        ArgumentNullException.ThrowIfNull(callLedger);
        var path = PathOf(pathAndQuery);
        var tickets = InventedTickets(callLedger);
        if (path == TicketsPath && ExternalIdQuery(pathAndQuery) is { } externalId)
        {
            var matches = tickets.Values.Where(t => (string?)t["external_id"] == externalId).ToList();
            return matches.Count == 0 ? null : Json(200, new JsonObject
            {
                ["tickets"] = new JsonArray(matches.Select(t => t.DeepClone()).ToArray()),
                ["next_page"] = null,
                ["previous_page"] = null,
                ["count"] = matches.Count,
            }, null);
        }

        if (TicketPath().Match(path) is { Success: true } ticket && tickets.TryGetValue(ParseId(ticket), out var state))
        {
            return Json(200, new JsonObject { ["ticket"] = state.DeepClone() }, null);
        }

        if (CommentsPath().Match(path) is { Success: true } comments && tickets.TryGetValue(ParseId(comments), out var commented))
        {
            return Json(200, new JsonObject
            {
                ["comments"] = commented["comments"]!.DeepClone(),
                ["next_page"] = null,
                ["previous_page"] = null,
                ["count"] = commented["comments"]!.AsArray().Count,
            }, null);
        }

        return null;
    }

    /// <summary>A realistic ticket or comment id, the same for the same seed.</summary>
    public static long IdFor(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return 10_000_000 + (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) % 90_000_000UL);
    }

    private static DryRunReply CreateTicket(WriteLedgerEntry write, IReadOnlyList<WriteLedgerEntry> earlier)
    {
        var first = earlier.FirstOrDefault(e => e.Method == "POST" && PathOf(e.Path) == TicketsPath && e.SimulatedStatus == 201);
        if (first is null)
        {
            return Created(write, TicketId(write), "api", lookup: "miss");
        }

        if (!JsonNode.DeepEquals(Parse(first.Body), Parse(write.Body)))
        {
            return Error(400, "IdempotentRequestError", "The request parameters do not match those first sent with this idempotency key.");
        }

        return Created(first, TicketId(first), "api", lookup: "hit");
    }

    private static DryRunReply Created(WriteLedgerEntry write, long id, string channel, string? lookup)
    {
        var ticket = NewTicket(write, id, channel);
        var audit = Audit(write, id, ticket["comments"]!.AsArray().FirstOrDefault()?.DeepClone());
        ticket.Remove("comments");
        var headers = lookup is null ? null : new Dictionary<string, string> { ["x-idempotency-lookup"] = lookup };
        return Json(201, new JsonObject { ["ticket"] = ticket, ["audit"] = audit }, Id(id), headers);
    }

    private static DryRunReply UpdateTicket(WriteLedgerEntry write, long id)
    {
        var ticket = Parse(write.Body)?["ticket"]?.AsObject() ?? [];
        var comment = ticket["comment"] is JsonObject c ? Comment(c, CommentId(write), write.At) : null;
        var state = new JsonObject { ["id"] = id, ["updated_at"] = Stamp(write.At) };
        foreach (var field in new[] { "subject", "status", "tags", "requester_id", "external_id" })
        {
            if (ticket[field] is { } value)
            {
                state[field] = value.DeepClone();
            }
        }

        return Json(200, new JsonObject { ["ticket"] = state, ["audit"] = Audit(write, id, comment) }, Id(id));
    }

    /// <summary>The tickets this call's creates were answered with, as the ledger's later updates left them.</summary>
    private static Dictionary<long, JsonObject> InventedTickets(IReadOnlyList<WriteLedgerEntry> ledger)
    {
        var tickets = new Dictionary<long, JsonObject>();
        foreach (var entry in ledger.Where(e => e.SimulatedStatus is >= 200 and < 300))
        {
            var path = PathOf(entry.Path);
            if (entry.Method == "POST" && (path is TicketsPath or VoiceTicketsPath) && TryParseLong(entry.SimulatedRecordId, out var created))
            {
                tickets.TryAdd(created, NewTicket(entry, created, path == VoiceTicketsPath ? "voice" : "api"));
            }
            else if (entry.Method == "PUT" && TicketPath().Match(path) is { Success: true } match && tickets.TryGetValue(ParseId(match), out var state))
            {
                var change = Parse(entry.Body)?["ticket"]?.AsObject() ?? [];
                foreach (var field in new[] { "subject", "status", "tags", "requester_id" })
                {
                    if (change[field] is { } value)
                    {
                        state[field] = value.DeepClone();
                    }
                }

                if (change["comment"] is JsonObject comment)
                {
                    state["comments"]!.AsArray().Add(Comment(comment, CommentId(entry), entry.At));
                }

                state["updated_at"] = Stamp(entry.At);
            }
        }

        return tickets;
    }

    private static JsonObject NewTicket(WriteLedgerEntry write, long id, string channel)
    {
        var request = Parse(write.Body)?["ticket"]?.AsObject() ?? [];
        var comment = request["comment"] as JsonObject ?? request["voice_comment"] as JsonObject;
        var body = (string?)comment?["body"] ?? (string?)comment?["transcription_text"] ?? string.Empty;
        var ticket = new JsonObject
        {
            ["id"] = id,
            ["external_id"] = request["external_id"]?.DeepClone(),
            ["subject"] = request["subject"]?.DeepClone() ?? body.Split('\n')[0],
            ["description"] = body,
            ["status"] = "new",
            ["requester_id"] = request["requester_id"]?.DeepClone(),
            ["tags"] = request["tags"]?.DeepClone() ?? new JsonArray(),
            ["via"] = new JsonObject { ["channel"] = channel },
            ["created_at"] = Stamp(write.At),
            ["updated_at"] = Stamp(write.At),
            ["comments"] = new JsonArray(),
        };
        if (comment is not null)
        {
            ticket["comments"]!.AsArray().Add(Comment(new JsonObject { ["body"] = body, ["public"] = comment["public"]?.DeepClone() ?? true }, IdFor("comment:" + id.ToString(CultureInfo.InvariantCulture)), write.At));
        }

        return ticket;
    }

    private static JsonObject Comment(JsonObject request, long id, DateTimeOffset at) => new()
    {
        ["id"] = id,
        ["type"] = "Comment",
        ["body"] = request["body"]?.DeepClone(),
        ["plain_body"] = request["body"]?.DeepClone(),
        ["public"] = request["public"]?.DeepClone() ?? true,
        ["created_at"] = Stamp(at),
    };

    private static JsonObject Audit(WriteLedgerEntry write, long ticketId, JsonNode? comment)
    {
        var events = new JsonArray();
        if (comment is not null)
        {
            events.Add(comment);
        }

        return new JsonObject
        {
            ["id"] = IdFor($"audit:{ticketId}:{write.At.UtcTicks}"),
            ["ticket_id"] = ticketId,
            ["created_at"] = Stamp(write.At),
            ["events"] = events,
        };
    }

    /// <summary>The id of the comment an update adds: the same in the update's answer and in later reads.</summary>
    private static long CommentId(WriteLedgerEntry write) =>
        IdFor($"comment:{write.IdempotencyKey ?? write.Body}:{write.At.UtcTicks.ToString(CultureInfo.InvariantCulture)}");

    private static long TicketId(WriteLedgerEntry write)
    {
        var externalId = (string?)Parse(write.Body)?["ticket"]?["external_id"];
        return IdFor("ticket:" + (write.IdempotencyKey ?? externalId ?? write.Body ?? write.At.UtcTicks.ToString(CultureInfo.InvariantCulture)));
    }

    private static DryRunReply Json(int status, JsonObject body, string? recordId, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, body.ToJsonString(), recordId, headers);

    private static DryRunReply Error(int status, string error, string description) =>
        Json(status, new JsonObject { ["error"] = error, ["description"] = description }, null);

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The path without the query and without Zendesk's optional <c>.json</c> suffix.</summary>
    private static string PathOf(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?', 2)[0];
        return path.EndsWith(".json", StringComparison.Ordinal) ? path[..^5] : path;
    }

    private static string? ExternalIdQuery(string pathAndQuery)
    {
        var query = pathAndQuery.Split('?', 2) is [_, var q] ? q : string.Empty;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.Split('=', 2) is ["external_id", var value])
            {
                return Uri.UnescapeDataString(value.Replace('+', ' '));
            }
        }

        return null;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static long ParseId(Match match) => long.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);

    private static bool TryParseLong(string? value, out long id) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    [GeneratedRegex(@"^/api/v2/tickets/(?<id>[0-9]{1,18})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TicketPath();

    [GeneratedRegex(@"^/api/v2/tickets/(?<id>[0-9]{1,18})/comments\z", RegexOptions.CultureInvariant)]
    private static partial Regex CommentsPath();

    [GeneratedRegex(@"^/api/v2/channels/voice/agents/[0-9]{1,18}/(tickets|users)/[0-9]{1,18}/display\z", RegexOptions.CultureInvariant)]
    private static partial Regex DisplayPath();
}
