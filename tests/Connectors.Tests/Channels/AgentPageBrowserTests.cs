using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Core.Baton;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;

namespace Connectors.Tests.Channels;

/// <summary>
/// The agent page as the human sees it, in a real browser (headless chromium), opened with the link alone (no key):
/// what it shows first, at a phone's 360 px and a full window, what axe-core finds in it, and what it never shows.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class AgentPageBrowserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_page_opens_with_the_link_alone_and_leads_with_intent_amount_proof_and_what_not_to_ask_at_360_px_and_full_width()
    {
        var settings = ChannelDriver.Settings();
        await using var host = await CallContractHost.StartAsync(azurite.ConnectionString, settings);
        var driver = new ChannelDriver("webhook", host.Http);
        const string call = "agent-page-1";
        await driver.SendAsync(call, "connect", new() { ["callerNumber"] = SalesforceSeedData.AlicePhone });
        await host.WaitForFetchAsync(call);
        await driver.SendAsync(call, "knowledge", new() { ["lastFour"] = "4242", ["billingZip"] = "94107" });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "bot", ["text"] = "Thanks Alice, you're verified. What can I help with?" });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "I was charged twice, 59 dollars on the fifth." });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "The card is 4242.4242.4242.4242, or forty-two forty-two, uh, forty-two forty-two forty-two forty-two forty-two forty-two." });
        await driver.SendAsync(call, "say", new()
        {
            ["intent"] = "duplicate-charge dispute", ["amount"] = "59.00", ["currency"] = "USD", ["amountLabel"] = "duplicate charge",
            ["summary"] = "Alice was charged $59.00 twice for the same order on the 5th and wants one charge refunded.",
            ["note"] = "Promise: a specialist will reverse the duplicate charge today.",
        });
        var transfer = await driver.SendAsync(call, "transfer", new() { ["reason"] = "billing-dispute", ["target"] = "billing-disputes" });

        // No key: the token in the link is the capability, in Azure as here.
        Assert.DoesNotContain("code=", transfer["baton_url"], StringComparison.OrdinalIgnoreCase);
        var page = new Uri(host.Http.BaseAddress!, new Uri(transfer["baton_url"]).AbsolutePath.TrimStart('/'));
        using var browser = new HttpClient();
        var html = await browser.GetStringAsync(page);
        var dom = await HeadlessChromium.DumpDomAsync(page);
        PageArtifacts.Save("agent-page.dom.html", dom);
        foreach (var (width, height) in new[] { (360, 2200), (1100, 1500) })
        {
            var screenshot = Path.Combine(PageArtifacts.Directory, $"agent-page-{width}.png");
            File.Delete(screenshot);
            await HeadlessChromium.ScreenshotAsync(page, screenshot, width, height);
            var png = await File.ReadAllBytesAsync(screenshot);
            Assert.True(png.Length > 1000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "the screenshot is not a PNG");
        }

        // The headline: what they want and how much; then the proof, with the time, and what not to ask again.
        Assert.Matches(@"<h1 id=""intent"">Duplicate-charge dispute</h1>", dom);
        Assert.Matches(@"<li class=""amount""><strong>\$59\.00</strong> duplicate charge</li>", dom);
        Assert.Matches(@"<p id=""verified"" class=""verified ok"" data-level=""knowledge"">.*Verified: Card last four \+ ZIP at <time datetime=""[^""]+"">\d\d:\d\d</time> \(knowledge\)", dom);
        var dontAsk = Section(dom, "dont-ask");
        foreach (var given in new[] { "Who they are", "Card last four + ZIP", "Why they called", "The amount", "Their number" })
        {
            Assert.Contains($"<strong>{System.Net.WebUtility.HtmlEncode(given)}</strong>", dontAsk, StringComparison.Ordinal);
        }

        Assert.Contains("Alice Johnson", dontAsk, StringComparison.Ordinal);
        Assert.Matches(@"<a id=""crm-link"" class=""crm"" href=""https://acme\.lightning\.force\.com/lightning/r/Contact/[A-Za-z0-9]{15,18}/view""", dom);
        Assert.Contains("Alice was charged $59.00 twice", dom, StringComparison.Ordinal);
        Assert.Contains("<strong>Promised:</strong> a specialist will reverse the duplicate charge today.", dom, StringComparison.Ordinal);
        Assert.Matches(@"<li class=""caller""><span class=""who"">Caller</span><time class=""at"" datetime=""[^""]+"">\d\d:\d\d:\d\d</time><span class=""text"">I was charged twice, 59 dollars on the fifth\.</span></li>", dom);
        Assert.Matches(@"<li class=""bot""><span class=""who"">AI</span>", dom);
        Assert.Matches(@"<footer id=""expiry"">This link stops working at <time datetime=""[^""]+"">\d\d:\d\d UTC</time> \(in \d+ h \d+ min\)", dom);
        Assert.Equal(4, Regex.Matches(Section(dom, "feedback"), "<button type=\"submit\" name=\"repeated\"").Count);

        // Nothing of the card, written or spoken, reaches the browser; no raw property name either.
        var text = Tags().Replace(dom, " ");
        Assert.Contains(BatonRedactor.CardMarker, text, StringComparison.Ordinal);
        Assert.DoesNotContain("4242.4242", text, StringComparison.Ordinal);
        Assert.DoesNotContain("forty-two forty-two", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cardLastFour", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("knowledgeCheck", text, StringComparison.Ordinal);

        // axe-core in the page at both widths: no serious or critical violation, and nothing wider than the window.
        foreach (var width in new[] { 360, 1100 })
        {
            var audit = JsonDocument.Parse(await HeadlessChromium.AuditAsync(html, Path.Combine(PageArtifacts.Directory, $"agent-page-axe-{width}.html"), width)).RootElement;
            PageArtifacts.Save($"agent-page-axe-{width}.json", audit.GetRawText());
            var serious = audit.GetProperty("violations").EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.GetRawText()).ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious));
            // Headless chromium may lay a file out wider than asked (its smallest window); what must hold is no sideways scroll.
            var (scroll, inner) = (audit.GetProperty("scrollWidth").GetInt32(), audit.GetProperty("innerWidth").GetInt32());
            Assert.True(scroll <= inner, $"the page is {scroll} px wide in a {inner} px window (asked for {width})");
        }
    }

    private static string Section(string dom, string id)
    {
        var start = dom.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return dom[start..dom.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
