using System.Diagnostics;
using Connectors.Core.Storage;
using Connectors.Tests.Fakes;

namespace Connectors.Tests.Storage;

/// <summary>
/// What goes on the wire and what happens when the service misbehaves: signing, protocol headers, retries
/// of 5xx and throttling, timeouts, cancellation. Against a scripted HTTP server on 127.0.0.1.
/// </summary>
public sealed class TableRestClientPipelineTests : IAsyncLifetime
{
    private const string AzuriteKey = StorageConnectionString.DevelopmentAccountKey;
    private static readonly CancellationToken None = CancellationToken.None;
    private ScriptedTableServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedTableServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_request_is_signed_with_shared_key_over_the_headers_it_carries()
    {
        var client = Client();

        await client.AddAsync("Calls", new TableEntity("p", "r") { ["V"] = 1 }, None);

        var request = Assert.Single(_server.Requests);
        var date = request.Headers["x-ms-date"];
        var stringToSign = $"POST\n\napplication/json\n{date}\n/devstoreaccount1/devstoreaccount1/Calls";
        Assert.Equal("SharedKey devstoreaccount1:" + TableSharedKeyPolicy.Sign(stringToSign, Convert.FromBase64String(AzuriteKey)), request.Headers["Authorization"]);
        Assert.True(DateTimeOffset.TryParse(date, out _), date);
        Assert.Equal("2019-02-02", request.Headers["x-ms-version"]);
        Assert.Equal("3.0;NetFx", request.Headers["DataServiceVersion"]);
        Assert.Equal("application/json;odata=minimalmetadata", request.Headers["Accept"]);
        Assert.Equal("return-no-content", request.Headers["Prefer"]);
    }

    [Fact]
    public async Task Server_busy_and_internal_errors_are_retried_until_the_service_answers()
    {
        _server.Enqueue(503, body: """{"odata.error":{"code":"ServerBusy","message":{"value":"busy"}}}""");
        _server.Enqueue(500, body: """{"odata.error":{"code":"OperationTimedOut","message":{"value":"slow"}}}""");
        _server.Enqueue(204, new Dictionary<string, string> { ["ETag"] = "W/\"third\"" });

        var result = await Client(maxRetries: 3).UpsertAsync("Calls", new TableEntity("p", "r"), TableUpdateMode.Replace, None);

        Assert.Equal(TableWriteResult.Success("W/\"third\""), result);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_delay_the_service_asks_for()
    {
        _server.Enqueue(429, new Dictionary<string, string> { ["retry-after-ms"] = "300" });

        var clock = Stopwatch.StartNew();
        var result = await Client(maxRetries: 1).DeleteAsync("Calls", "p", "r", "*", None);

        Assert.True(result.Succeeded);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"retried after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task An_expected_outcome_is_returned_at_once_and_not_retried()
    {
        _server.Enqueue(412, body: """{"odata.error":{"code":"UpdateConditionNotSatisfied","message":{"value":"stale"}}}""");

        var result = await Client(maxRetries: 3).UpdateAsync("Calls", new TableEntity("p", "r"), "W/\"old\"", TableUpdateMode.Replace, None);

        Assert.Equal(TableWriteStatus.PreconditionFailed, result.Status);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("W/\"old\"", request.Headers["If-Match"]);
    }

    [Fact]
    public async Task When_retries_run_out_the_last_failure_is_reported_with_its_status_and_code()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Enqueue(503, new Dictionary<string, string> { ["x-ms-error-code"] = "ServerBusy" },
                """{"odata.error":{"code":"ServerBusy","message":{"value":"The server is busy.\nRequestId:abc"}}}""");
        }

        var error = await Assert.ThrowsAsync<TableStorageException>(() => Client(maxRetries: 2).GetAsync("Calls", "p", "r", None));

        Assert.Equal((503, "ServerBusy"), (error.Status, error.ErrorCode));
        Assert.Contains("The server is busy.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestId", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_fails_as_a_storage_error_not_a_cancellation()
    {
        _server.Enqueue(204, delay: TimeSpan.FromSeconds(10));
        _server.Enqueue(204, delay: TimeSpan.FromSeconds(10));
        var options = AzuriteFixture.FastOptions(maxRetries: 1);
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(200);

        var error = await Assert.ThrowsAsync<TableStorageException>(() => Client(options).GetAsync("Calls", "p", "r", None));

        Assert.Equal(0, error.Status);
        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Cancelling_while_the_service_is_slow_stops_the_wait()
    {
        _server.Enqueue(204, delay: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // The server answers only after 30 s, so a cancellation that did not stop the wait would end in a result, not this exception.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetAsync("Calls", "p", "r", cancel.Token));
    }

    [Fact]
    public async Task An_unreachable_service_fails_with_status_0_naming_the_endpoint()
    {
        var port = LoopbackPort.Closed();
        var client = new TableRestClient(
            StorageConnectionString.Parse($"AccountName=devstoreaccount1;AccountKey={AzuriteKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1"),
            AzuriteFixture.FastOptions(maxRetries: 1));

        var error = await Assert.ThrowsAsync<TableStorageException>(() => client.GetAsync("Calls", "p", "r", None));

        Assert.Equal(0, error.Status);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paged_query_sends_back_both_continuation_values_it_was_given()
    {
        _server.Enqueue(200, new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json;odata=minimalmetadata",
            ["x-ms-continuation-NextPartitionKey"] = "1!8!cA--",
            ["x-ms-continuation-NextRowKey"] = "1!12!cjAwMQ--",
        }, """{"value":[{"odata.etag":"W/\"1\"","PartitionKey":"p","RowKey":"r000","Timestamp":"2026-11-21T09:00:00Z"}]}""");
        _server.Enqueue(200, new Dictionary<string, string> { ["Content-Type"] = "application/json;odata=minimalmetadata" }, """{"value":[]}""");
        var client = Client();

        var first = await client.QueryPartitionAsync("Calls", "p'q", null, 1, None);
        var second = await client.QueryPartitionAsync("Calls", "p'q", first.ContinuationToken, 1, None);

        Assert.Equal("r000", Assert.Single(first.Entities).RowKey);
        Assert.Null(second.ContinuationToken);
        Assert.Equal("/devstoreaccount1/Calls()?$filter=PartitionKey%20eq%20%27p%27%27q%27&$top=1", _server.Requests[0].PathAndQuery);
        Assert.EndsWith("&NextPartitionKey=1%218%21cA--&NextRowKey=1%2112%21cjAwMQ--", _server.Requests[1].PathAndQuery, StringComparison.Ordinal);
    }

    private TableRestClient Client(int maxRetries = 2) => Client(AzuriteFixture.FastOptions(maxRetries));

    private TableRestClient Client(TableRestClientOptions options) => new(
        StorageConnectionString.Parse($"AccountName=devstoreaccount1;AccountKey={AzuriteKey};TableEndpoint={_server.TableEndpoint}"),
        options);
}
