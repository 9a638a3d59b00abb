using System.Text.Json.Nodes;
using Connectors.Core.Crm;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Zendesk;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>What the dry run answers in Zendesk's place, decided without a network.</summary>
public sealed class ZendeskDryRunResponderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly ZendeskDryRunResponder _responder = new();

    [Fact]
    public void A_first_create_is_a_miss_with_a_realistic_id_and_a_repeat_is_the_same_answer_as_a_hit()
    {
        var key = IdempotencyKey.For("CA-1", "disposition");
        var first = Write("POST", "/api/v2/tickets.json", Body("Summary", key), key);

        var miss = _responder.Respond(first, []);
        var recorded = first with { SimulatedStatus = miss.Status, SimulatedRecordId = miss.RecordId };
        var hit = _responder.Respond(Write("POST", "/api/v2/tickets.json", Body("Summary", key), key, At.AddMinutes(3)), [recorded]);

        Assert.Equal((201, "miss"), (miss.Status, miss.Headers!["x-idempotency-lookup"]));
        Assert.Matches("^[1-9][0-9]{7}$", miss.RecordId);
        Assert.Equal(ZendeskDryRunResponder.IdFor("ticket:" + key).ToString(), miss.RecordId);
        Assert.Equal((201, "hit", miss.RecordId, miss.JsonBody), (hit.Status, hit.Headers!["x-idempotency-lookup"], hit.RecordId, hit.JsonBody));
        var ticket = JsonNode.Parse(miss.JsonBody!)!["ticket"]!;
        Assert.Equal((long.Parse(miss.RecordId!), key, "new"), ((long)ticket["id"]!, (string?)ticket["external_id"], (string?)ticket["status"]));
    }

    [Fact]
    public void The_same_key_with_another_body_is_answered_as_Zendesk_would_with_IdempotentRequestError()
    {
        var key = IdempotencyKey.For("CA-2", "disposition");
        var first = Write("POST", "/api/v2/tickets.json", Body("Summary", key), key);
        var recorded = first with { SimulatedStatus = 201, SimulatedRecordId = "12345678" };

        var drift = _responder.Respond(Write("POST", "/api/v2/tickets.json", Body("Another summary", key), key), [recorded]);

        Assert.Equal(400, drift.Status);
        Assert.Equal("IdempotentRequestError", (string?)JsonNode.Parse(drift.JsonBody!)!["error"]);
        Assert.Null(drift.RecordId);
    }

    [Fact]
    public void Updates_answer_200_with_the_comment_and_screen_pops_answer_200_empty()
    {
        var update = _responder.Respond(Write("PUT", "/api/v2/tickets/12345678.json", """{"ticket":{"comment":{"body":"Note","public":false},"safe_update":true,"updated_stamp":"2026-11-21T09:00:00Z"}}""", "k"), []);
        var display = _responder.Respond(Write("POST", "/api/v2/channels/voice/agents/1002/tickets/12345678/display.json", null, "k2"), []);
        var unknown = _responder.Respond(Write("DELETE", "/api/v2/tickets/12345678.json", null, null), []);

        Assert.Equal((200, "12345678"), (update.Status, update.RecordId));
        Assert.Equal("Comment", (string?)JsonNode.Parse(update.JsonBody!)!["audit"]!["events"]![0]!["type"]);
        Assert.Equal((200, null), (display.Status, display.JsonBody));
        Assert.Equal(400, unknown.Status);
    }

    [Fact]
    public void Reads_of_a_ticket_the_dry_run_made_up_are_answered_from_the_ledger_and_other_reads_go_to_Zendesk()
    {
        var key = IdempotencyKey.For("CA-3", "disposition");
        var create = Write("POST", "/api/v2/tickets.json", Body("Summary", key), key);
        var created = _responder.Respond(create, []);
        var note = Write("PUT", $"/api/v2/tickets/{created.RecordId}.json", """{"ticket":{"comment":{"body":"Transcript\n\n[marker]","public":false},"safe_update":true,"updated_stamp":"x"}}""", "note-key", At.AddMinutes(1));
        var noted = _responder.Respond(note, []);
        IReadOnlyList<WriteLedgerEntry> ledger =
        [
            create with { SimulatedStatus = created.Status, SimulatedRecordId = created.RecordId },
            note with { SimulatedStatus = noted.Status, SimulatedRecordId = noted.RecordId },
        ];

        var byExternalId = _responder.RespondToRead("/api/v2/tickets.json?external_id=" + key, ledger);
        var ticket = _responder.RespondToRead($"/api/v2/tickets/{created.RecordId}.json", ledger);
        var comments = _responder.RespondToRead($"/api/v2/tickets/{created.RecordId}/comments.json?per_page=100", ledger);

        Assert.Equal(created.RecordId, ((long)JsonNode.Parse(byExternalId!.JsonBody!)!["tickets"]![0]!["id"]!).ToString());
        Assert.Equal("2026-11-21T09:01:00Z", (string?)JsonNode.Parse(ticket!.JsonBody!)!["ticket"]!["updated_at"]);
        var bodies = JsonNode.Parse(comments!.JsonBody!)!["comments"]!.AsArray().Select(c => (string?)c!["body"]).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.EndsWith("[marker]", bodies[1], StringComparison.Ordinal);
        Assert.Equal((long)JsonNode.Parse(noted.JsonBody!)!["audit"]!["events"]![0]!["id"]!, (long)JsonNode.Parse(comments.JsonBody!)!["comments"]![1]!["id"]!);
        Assert.Null(_responder.RespondToRead("/api/v2/tickets/48001.json", ledger));
        Assert.Null(_responder.RespondToRead("/api/v2/tickets.json?external_id=someone-else", ledger));
        Assert.Null(_responder.RespondToRead("/api/v2/users/380000001.json", ledger));
    }

    private static string Body(string summary, string key) =>
        new JsonObject
        {
            ["ticket"] = new JsonObject
            {
                ["subject"] = "Call",
                ["comment"] = new JsonObject { ["body"] = summary, ["public"] = false },
                ["external_id"] = key,
                ["tags"] = new JsonArray("connectors_disposition"),
            },
        }.ToJsonString();

    private static WriteLedgerEntry Write(string method, string path, string? body, string? key, DateTimeOffset? at = null) => new()
    {
        CallId = "CA",
        Crm = CrmKind.Zendesk,
        Operation = "test",
        Method = method,
        Path = path,
        Body = body,
        IdempotencyKey = key,
        At = at ?? At,
    };
}
