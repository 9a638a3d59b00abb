using System.Net;
using System.Net.Http.Json;
using Connectors.Core.Crm;
using Connectors.Core.Signals.Digest;
using Connectors.Simulators.EventReceiver;
using Connectors.Simulators.GraphMail;
using Connectors.Simulators.Hosting;
using Connectors.Tests.Channels;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;
using Connectors.Tests.WrapUp;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Signals;

/// <summary>The daily digest after a real billing call: rendered and looked at in chromium, mailed through the Graph simulator and posted to the chat webhook simulator, once per day.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DailyDigestTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_digest_is_mailed_as_html_and_posted_to_the_webhook_once_per_day_with_the_days_numbers()
    {
        _ = azurite;
        await using var graph = await GraphMailSimulator.StartAsync();
        await using var chat = await ChatWebhookSimulator.StartAsync();
        var settings = new Dictionary<string, string?>(SimulatorSettings.For(SimulatorSettings.Graph, graph.BaseAddress), StringComparer.OrdinalIgnoreCase);
        settings["Digest:Recipients:0"] = "ops@contoso.example";
        settings["Digest:Recipients:1"] = "lead@contoso.example";
        settings["Digest:WebhookUrl"] = chat.WebhookUrl.ToString();
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, settings);
        var call = "digest-" + Guid.NewGuid().ToString("N")[..8];
        await rig.ConnectAsync(call);
        using (var baton = await rig.Http.PutAsJsonAsync($"api/calls/{call}/baton", new
        {
            intent = "duplicate-charge dispute",
            amounts = new[] { new { value = 59.00m, currency = "USD", label = "duplicate charge" } },
            turns = new[] { new { speaker = "caller", text = "I was charged twice, 59 dollars on the fifth." } },
        }))
        {
            baton.EnsureSuccessStatusCode();
        }

        await rig.EndAsync(call);
        await rig.WaitForStateAsync(call, Patience, "recorded");
        var job = rig.Host.Services.GetRequiredService<DailyDigestJob>();
        var client = rig.Host.Services.GetRequiredService<DurableTaskClient>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // A webhook that is down at the first run gets the digest at the second; mail already sent is not sent again.
        chat.Faults.Profile = Simulators.Faults.FaultProfile.None with { OutageUntil = DateTimeOffset.UtcNow.AddMinutes(10) };
        var first = await job.RunOnceAsync(client, today, CancellationToken.None);
        Assert.False(first!.WebhookPosted);
        chat.Faults.Profile = Simulators.Faults.FaultProfile.None;
        var second = await job.RunOnceAsync(client, today, CancellationToken.None);
        var third = await job.RunOnceAsync(client, today, CancellationToken.None);

        Assert.True(second!.WebhookPosted);
        Assert.Equal(2, third!.MailedTo.Count);
        Assert.Equal(2, graph.Mail.Count);
        Assert.Equal(["lead@contoso.example", "ops@contoso.example"], graph.Mail.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        var mail = graph.Mail[0];
        Assert.Equal("html", mail.ContentType, ignoreCase: true);
        Assert.StartsWith($"Contact-center digest {today:yyyy-MM-dd}: 1 call,", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("BILLING_DISPUTE_CREDIT", mail.Content, StringComparison.Ordinal);
        var posted = Assert.Single(chat.Messages);
        Assert.Contains("BILLING_DISPUTE_CREDIT: 1", posted, StringComparison.Ordinal);
        Assert.Contains("disputed amounts: 59.00", posted, StringComparison.Ordinal);

        // What a person opens: the mailed HTML in chromium.
        var file = PageArtifacts.Save("daily-digest.html", mail.Content!);
        var dom = await HeadlessChromium.DumpDomAsync(new Uri(file));
        Assert.Matches("id=\"digest-calls\"[^>]*>1<", dom);
        Assert.Matches("id=\"digest-disputed-total\"[^>]*>59.00<", dom);
        Assert.Matches("id=\"digest-dispositions-per-call\"[^>]*>1.00<", dom);
        await HeadlessChromium.ScreenshotAsync(new Uri(file), Path.Combine(PageArtifacts.Directory, "daily-digest.png"));
    }
}
