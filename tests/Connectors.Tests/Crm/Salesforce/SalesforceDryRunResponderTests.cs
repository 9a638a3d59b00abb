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
}
