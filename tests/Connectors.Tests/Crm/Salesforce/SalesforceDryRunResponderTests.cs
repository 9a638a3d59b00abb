using System.Text.Json;
using Connectors.Core.Crm;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Salesforce;

namespace Connectors.Tests.Crm.Salesforce;

public sealed class SalesforceDryRunResponderTests
{
    private static readonly string Key = IdempotencyKey.For("CA-1", "disposition");

    private static WriteLedgerEntry Write(string path, string body = """{"Subject":"Call"}""") => new()
    {
        CallId = "call-1",
        Crm = CrmKind.Salesforce,
        Operation = "upsert-disposition",
        Method = "PATCH",
        Path = path,
        Body = body,
        IdempotencyKey = Key,
        At = DateTimeOffset.UnixEpoch,
    };

    private static WriteLedgerEntry Answered(WriteLedgerEntry write, DryRunReply reply) =>
        write with { SimulatedStatus = reply.Status, SimulatedRecordId = reply.RecordId };

    [Fact]
    public void A_first_upsert_is_answered_created_with_a_realistic_id_derived_from_the_key()
    {
        var reply = new SalesforceDryRunResponder().Respond(Write($"/services/data/v62.0/sobjects/Task/CallLog_Key__c/{Key}"), []);

        Assert.Equal(201, reply.Status);
        using var body = JsonDocument.Parse(reply.JsonBody!);
        Assert.Equal(reply.RecordId, body.RootElement.GetProperty("id").GetString());
        Assert.True(body.RootElement.GetProperty("success").GetBoolean());
        Assert.True(body.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal(0, body.RootElement.GetProperty("errors").GetArrayLength());
        Assert.True(SalesforceRecordId.IsValid(reply.RecordId));
        Assert.StartsWith("00T", reply.RecordId, StringComparison.Ordinal);
        Assert.Equal(reply.RecordId, new SalesforceDryRunResponder().Respond(Write($"/services/data/v62.0/sobjects/Task/CallLog_Key__c/{Key}"), []).RecordId);
    }

    [Fact]
    public void A_repeat_of_the_key_is_answered_updated_with_the_same_id()
    {
        var responder = new SalesforceDryRunResponder();
        var write = Write($"/services/data/v62.0/sobjects/Call_Note__c/Note_Key__c/{Key}");
        var first = responder.Respond(write, []);

        var repeat = responder.Respond(write, [Answered(write, first)]);

        Assert.Equal(200, repeat.Status);
        Assert.Equal(first.RecordId, repeat.RecordId);
        using var body = JsonDocument.Parse(repeat.JsonBody!);
        Assert.False(body.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal(first.RecordId, body.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void A_repeat_that_sets_tasks_create_only_subtype_is_refused_as_the_api_refuses_it()
    {
        var responder = new SalesforceDryRunResponder();
        var write = Write($"/services/data/v62.0/sobjects/Task/CallLog_Key__c/{Key}", """{"TaskSubtype":"Call","Subject":"Call"}""");
        var first = responder.Respond(write, []);

        var repeat = responder.Respond(write, [Answered(write, first)]);

        Assert.Equal(400, repeat.Status);
        var error = Assert.Single(SalesforceError.Parse(repeat.JsonBody));
        Assert.Equal(SalesforceErrorCodes.InvalidFieldForInsertUpdate, error.ErrorCode);
        Assert.Equal(["TaskSubtype"], error.Fields);
    }

    [Fact]
    public void A_write_the_dry_run_cannot_answer_says_so()
    {
        var reply = new SalesforceDryRunResponder().Respond(Write("/services/data/v62.0/composite") with { Method = "POST" }, []);

        Assert.Equal(400, reply.Status);
        Assert.Equal("DRY_RUN_UNSUPPORTED", Assert.Single(SalesforceError.Parse(reply.JsonBody)).ErrorCode);
    }

    [Fact]
    public void A_read_of_a_record_only_the_dry_run_made_answers_what_its_accepted_writes_left()
    {
        var responder = new SalesforceDryRunResponder();
        var path = $"/services/data/v62.0/sobjects/Task/CallLog_Key__c/{Key}";
        var created = Write(path, """{"TaskSubtype":"Call","Subject":"First","Status":"Completed","CallDurationInSeconds":95}""");
        var createdReply = responder.Respond(created, []);
        var refused = Write(path, """{"TaskSubtype":"Call","Subject":"Refused"}""");
        var refusedReply = responder.Respond(refused, [Answered(created, createdReply)]);
        var updated = Write(path, """{"subject":"Edited"}""") with { Operation = "update-disposition" };
        var updatedReply = responder.Respond(updated, [Answered(created, createdReply), Answered(refused, refusedReply)]);
        var ledger = new[] { Answered(created, createdReply), Answered(refused, refusedReply), Answered(updated, updatedReply) };

        var read = responder.RespondToRead($"{path}?fields=Id,Subject,Status,CallDurationInSeconds,WhoId", ledger);

        Assert.NotNull(read);
        Assert.Equal((200, createdReply.RecordId), (read.Status, read.RecordId));
        using var body = JsonDocument.Parse(read.JsonBody!);
        var record = body.RootElement;
        Assert.Equal("Task", record.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal($"/services/data/v62.0/sobjects/Task/{createdReply.RecordId}", record.GetProperty("attributes").GetProperty("url").GetString());
        Assert.Equal(createdReply.RecordId, record.GetProperty("Id").GetString());
        Assert.Equal("Edited", record.GetProperty("Subject").GetString());
        Assert.Equal("Completed", record.GetProperty("Status").GetString());
        Assert.Equal(95, record.GetProperty("CallDurationInSeconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("WhoId").ValueKind);
        Assert.False(record.TryGetProperty("TaskSubtype", out _));
    }

    [Fact]
    public void A_read_of_anything_the_dry_run_did_not_make_goes_to_the_org()
    {
        var responder = new SalesforceDryRunResponder();
        var path = $"/services/data/v62.0/sobjects/Task/CallLog_Key__c/{Key}";
        var created = Write(path);
        var ledger = new[] { Answered(created, responder.Respond(created, [])) };
        var onlyRefused = new[] { Answered(created, new DryRunReply(400, "[]", null)) };

        Assert.Null(responder.RespondToRead($"/services/data/v62.0/sobjects/Task/CallLog_Key__c/{IdempotencyKey.For("CA-2", "disposition")}?fields=Id", ledger));
        Assert.Null(responder.RespondToRead($"/services/data/v62.0/sobjects/Task/Other_Key__c/{Key}?fields=Id", ledger));
        Assert.Null(responder.RespondToRead("/services/data/v62.0/query?q=SELECT+Id+FROM+Task", ledger));
        Assert.Null(responder.RespondToRead($"{path}?fields=Id", onlyRefused));
        Assert.NotNull(responder.RespondToRead($"{path}?fields=Id", ledger));
    }
}
