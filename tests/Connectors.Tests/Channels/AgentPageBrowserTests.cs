using System.Text.RegularExpressions;
using Connectors.Core.Baton;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Channels;

/// <summary>The agent page as the human sees it, in a real browser (headless chromium): what it shows and what it never does.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class AgentPageBrowserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_agent_page_shows_the_transcript_and_the_verification_level_and_no_card_number_in_the_browser()
    {
        var settings = ChannelDriver.Settings();
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString, settings);
        var driver = new ChannelDriver("webhook", host.Http);
        const string call = "agent-page-1";
        await driver.SendAsync(call, "connect", new() { ["callerNumber"] = SalesforceSeedData.AlicePhone });
        await host.WaitForFetchAsync(call);
        await driver.SendAsync(call, "knowledge", new() { ["lastFour"] = "4242", ["billingZip"] = "94107" });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "I was charged twice, 59 dollars on the fifth." });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "The card is 4242 4242 4242 4242, or four two four two four two four two four two four two four two four two." });
        await driver.SendAsync(call, "say", new() { ["intent"] = "duplicate-charge dispute", ["amount"] = "59.00", ["currency"] = "USD", ["amountLabel"] = "duplicate charge" });
        var transfer = await driver.SendAsync(call, "transfer", new() { ["reason"] = "billing-dispute", ["target"] = "billing-disputes" });

        // The browser cannot send a header, so it carries the host's key as Azure accepts it too: ?code=.
        var token = new Uri(transfer["baton_url"]).Segments[^2].TrimEnd('/');
        var key = host.Services.GetRequiredService<IOptions<Connectors.LocalHost.LocalHostApiKeyOptions>>().Value.ApiKey;
        var page = new Uri(host.Http.BaseAddress!, $"api/batons/{token}/view?code={Uri.EscapeDataString(key)}");

        var dom = await HeadlessChromium.DumpDomAsync(page);
        var screenshot = System.IO.Path.Combine(PageArtifacts.Directory, "agent-page.png");
        File.Delete(screenshot);
        await HeadlessChromium.ScreenshotAsync(page, screenshot);
        PageArtifacts.Save("agent-page.dom.html", dom);

        Assert.Matches(@"<span id=""verification-level""[^>]*>knowledge</span>", dom);
        Assert.Contains("I was charged twice, 59 dollars on the fifth.", dom, StringComparison.Ordinal);
        Assert.Contains("duplicate-charge dispute", dom, StringComparison.Ordinal);
        Assert.Contains("59.00 USD", dom, StringComparison.Ordinal);
        Assert.Contains(BatonRedactor.CardMarker, dom, StringComparison.Ordinal);
        var text = Tags().Replace(dom, " ");
        Assert.DoesNotContain("4242 4242 4242 4242", text, StringComparison.Ordinal);
        Assert.DoesNotContain("four two four two four two four two", text, StringComparison.OrdinalIgnoreCase);
        Assert.False(BatonRedactor.Runs(text).Any(run => run.Digits.Length >= 13 && BatonRedactor.HasLuhnStretch(run.Digits)), "a card-like number is on the page");
        Assert.DoesNotContain("cardLastFour", dom, StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 1000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "the screenshot is not a PNG");
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
