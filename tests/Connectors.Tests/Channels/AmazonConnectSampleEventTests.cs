using System.Net;
using System.Text;
using Connectors.Core.Calls;
using Connectors.Tests.Fakes;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Channels;

/// <summary>Amazon Connect's own sample Lambda event (AWS documentation), as is: it connects; its dialled number, which is no phone number, only informs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AmazonConnectSampleEventTests
{
    // The sample input of "Invoke an AWS Lambda function" in the Amazon Connect administrator guide, with the action parameter a flow sets.
    private const string SampleEvent = """
        {
          "Details": {
            "ContactData": {
              "Attributes": {},
              "Channel": "VOICE",
              "ContactId": "4a573372-1f28-4e26-b97b-XXXXXXXXXXX",
              "CustomerEndpoint": { "Address": "+1234567890", "Type": "TELEPHONE_NUMBER" },
              "InitialContactId": "4a573372-1f28-4e26-b97b-XXXXXXXXXXX",
              "InitiationMethod": "INBOUND",
              "InstanceARN": "arn:aws:connect:aws-region:1234567890:instance/c8c0e68d-2200-4265-82c0-XXXXXXXXXX",
              "PreviousContactId": "4a573372-1f28-4e26-b97b-XXXXXXXXXXX",
              "Queue": { "ARN": "arn:aws:connect:eu-west-2:111111111111:instance/cccccccc-bbbb-dddd-eeee-ffffffffffff/queue/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "Name": "PasswordReset" },
              "SystemEndpoint": { "Address": "+1234567890", "Type": "TELEPHONE_NUMBER" }
            },
            "Parameters": { "sentAttributeKey": "sentAttributeValue", "action": "connect" }
          },
          "Name": "ContactFlowEvent"
        }
        """;

    [Fact]
    public async Task The_aws_sample_event_connects_and_its_unparseable_dialled_number_is_logged_masked_and_ignored()
    {
        var logs = new FakeLogCollector();
        await using var host = await LocalHostServer.StartAsync(
            AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("connect")),
            services => services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));

        using var response = await host.Client.PostAsync("api/channels/amazon-connect", new StringContent(SampleEvent, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain("invalid-phone-number", body, StringComparison.Ordinal);
        var session = await host.Services.GetRequiredService<ICallSessionStore>().GetAsync("4a573372-1f28-4e26-b97b-XXXXXXXXXXX", CancellationToken.None);
        Assert.NotNull(session);
        Assert.Null(session.DialledE164);
        Assert.Null(session.CallerE164);
        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains("customer address ***7890", StringComparison.Ordinal));
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("dialled number", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("***7890", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567890", logs.AllText().Replace("arn:aws:connect:aws-region:1234567890", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
