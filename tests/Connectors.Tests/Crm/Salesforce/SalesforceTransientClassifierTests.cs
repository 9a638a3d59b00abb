using System.Net;
using System.Text;
using Connectors.Core.Crm.Salesforce;

namespace Connectors.Tests.Crm.Salesforce;

public sealed class SalesforceTransientClassifierTests
{
    private static HttpResponseMessage Answer(int status, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Error(string code, string message) => $$"""[{"message":"{{message}}","errorCode":"{{code}}","fields":[]}]""";

    [Theory]
    [InlineData(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable.", true)]
    [InlineData(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred.", true)]
    [InlineData(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", true)]
    [InlineData(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded.", true)]
    [InlineData(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.", true)]
    [InlineData(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", false)]
    [InlineData(400, "INVALID_FIELD", "No such column 'Foo__c' on sobject of type Task", false)]
    [InlineData(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: TaskSubtype.", false)]
    [InlineData(401, "INVALID_SESSION_ID", "Session expired or invalid", false)]
    [InlineData(404, "NOT_FOUND", "The requested resource does not exist", false)]
    public async Task Salesforce_says_try_again_only_for_passing_conditions(int status, string code, string message, bool transient)
    {
        using var response = Answer(status, Error(code, message));

        Assert.Equal(transient, await new SalesforceTransientClassifier().IsTransientAsync(response));
    }

    [Fact]
    public async Task A_lock_error_mixed_with_a_permanent_one_is_not_retried()
    {
        using var response = Answer(400, $"[{Error("UNABLE_TO_LOCK_ROW", "locked")[1..^1]},{Error("INVALID_FIELD", "bad")[1..^1]}]");

        Assert.False(await new SalesforceTransientClassifier().IsTransientAsync(response));
    }

    [Fact]
    public async Task A_body_that_is_not_an_error_array_is_not_transient()
    {
        using var response = Answer(400, "<html>bad gateway page</html>");

        Assert.False(await new SalesforceTransientClassifier().IsTransientAsync(response));
    }
}
