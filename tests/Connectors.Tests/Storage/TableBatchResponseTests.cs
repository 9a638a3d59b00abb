using System.Text;
using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

/// <summary>Reading the multipart answer of a transaction, including the shapes Azurite does not produce.</summary>
public sealed class TableBatchResponseTests
{
    private static byte[] Response(params string[] parts)
    {
        var text = new StringBuilder("--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n");
        foreach (var part in parts)
        {
            text.Append("--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n").Append(part).Append("\r\n");
        }

        text.Append("--changesetresponse_2--\r\n--batchresponse_1--\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public void Only_successful_parts_mean_the_changeset_was_applied()
    {
        var body = Response(
            "HTTP/1.1 204 No Content\r\nContent-ID: 0\r\nETag: W/\"1\"\r\n\r\n",
            "HTTP/1.1 201 Created\r\nContent-ID: 1\r\nContent-Type: application/json\r\n\r\n{\"PartitionKey\":\"p\"}");

        Assert.Equal(TableTransactionResult.Success, TableBatchResponse.Read(body));
    }

    [Fact]
    public void The_failing_index_comes_from_the_message_prefix()
    {
        var body = Response("HTTP/1.1 412 Precondition Failed\r\nContent-ID: 7\r\nContent-Type: application/json\r\n\r\n"
            + "{\"odata.error\":{\"code\":\"UpdateConditionNotSatisfied\",\"message\":{\"lang\":\"en-US\",\"value\":\"3:The update condition specified in the request was not satisfied.\\nRequestId:x\"}}}");

        var result = TableBatchResponse.Read(body);

        Assert.Equal((false, 3, TableWriteStatus.PreconditionFailed), (result.Succeeded, result.FailedIndex, result.FailedStatus));
        Assert.Equal("The update condition specified in the request was not satisfied.", result.ErrorMessage);
    }

    [Fact]
    public void Without_a_prefix_the_content_id_names_the_failing_operation()
    {
        var body = Response("HTTP/1.1 404 Not Found\r\nContent-ID: 4\r\n\r\n{\"odata.error\":{\"code\":\"ResourceNotFound\",\"message\":{\"value\":\"The specified resource does not exist.\"}}}");

        var result = TableBatchResponse.Read(body);

        Assert.Equal((4, TableWriteStatus.NotFound), (result.FailedIndex, result.FailedStatus));
    }

    [Fact]
    public void A_failure_that_is_not_an_expected_outcome_throws_with_its_status_and_code()
    {
        var body = Response("HTTP/1.1 400 Bad Request\r\nContent-ID: 0\r\n\r\n{\"odata.error\":{\"code\":\"CommandsInBatchActOnDifferentPartitions\",\"message\":{\"value\":\"0:All commands in a batch must operate on same entity group.\"}}}");

        var error = Assert.Throws<TableStorageException>(() => TableBatchResponse.Read(body));

        Assert.Equal((400, "CommandsInBatchActOnDifferentPartitions"), (error.Status, error.ErrorCode));
        Assert.Contains("Operation 0", error.Message, StringComparison.Ordinal);
    }
}
