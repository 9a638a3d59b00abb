using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Crm;
using Connectors.Tests.Channels;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Connectors.Tests.WrapUp;

namespace Connectors.Tests.Signals;

/// <summary>The signals page in Debian's chromium after a real call: its numbers are the API's, it draws, and axe finds nothing serious.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class SignalsPageBrowserTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_page_shows_the_apis_numbers_draws_its_charts_and_has_no_serious_accessibility_violation()
    {
        _ = azurite;
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce);
        var call = "sig-page-" + Guid.NewGuid().ToString("N")[..8];
        using (var connect = await rig.Http.PostAsJsonAsync($"api/calls/{call}/connect", new { platform = "webhook", callerNumber = "+14155550101" }))
        {
            connect.EnsureSuccessStatusCode();
        }

        await Wait.UntilAsync(async () => !(await rig.Http.GetStringAsync($"api/calls/{call}")).Contains("\"fetchStatus\":\"pending\"", StringComparison.Ordinal), "the caller lookup", Patience);
        using (var knowledge = await rig.Http.PostAsJsonAsync($"api/calls/{call}/auth/knowledge", new { lastFour = "4242", billingZip = "94107" }))
        {
            Assert.Equal(HttpStatusCode.OK, knowledge.StatusCode);
        }

        await rig.EndAsync(call);
        await rig.WaitForStateAsync(call, Patience, "recorded");

        var from = DateTimeOffset.UtcNow.AddHours(-1);
        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        var signals = await SignalsHttpTests.SignalsAsync(rig.Http, from, to);
        Assert.Equal(1.0, signals.GetProperty("dispositions").GetProperty("perCompletedCall").GetDouble());
        var knowledgeRate = signals.GetProperty("auth").GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("method").GetString() == "knowledge-check");
        Assert.Equal(1.0, knowledgeRate.GetProperty("passRate").GetDouble());

        var page = new Uri(rig.Host.Address, $"api/signals/view?{range}&code={Uri.EscapeDataString(LocalHostServer.ApiKey(rig.Host.Services))}");
        var dom = await HeadlessChromium.DumpDomAsync(page);
        PageArtifacts.Save("signals-page.dom.html", dom);
        Assert.Equal("1.00", Text(dom, "dispositions-per-call"));
        Assert.Equal("0", Text(dom, "parked-count"));
        Assert.Equal("1", Text(dom, "completed-calls"));
        Assert.Equal(signals.GetProperty("lookup").TryGetProperty("p99Ms", out var p99) ? $"{p99.GetDouble():0} ms" : "– ms", Text(dom, "lookup-p99"));
        foreach (var chart in new[] { "chart-dispositions", "chart-lookup", "chart-auth", "chart-edits" })
        {
            // chart.js ran: it sizes each canvas it draws on from its container (an undrawn canvas keeps no style).
            Assert.Matches($"<canvas id=\"{chart}\"[^>]*style=\"[^\"]*height", dom);
        }

        Assert.DoesNotContain("<script src=", dom, StringComparison.Ordinal);
        await HeadlessChromium.ScreenshotAsync(page, Path.Combine(PageArtifacts.Directory, "signals-page.png"));

        var html = await rig.Http.GetStringAsync($"api/signals/view?{range}");
        var audit = JsonDocument.Parse(await HeadlessChromium.AuditAsync(html, Path.Combine(PageArtifacts.Directory, "signals-page.axe.html"), 1100)).RootElement;
        PageArtifacts.Save("signals-page.axe.json", audit.GetRawText());
        var serious = audit.GetProperty("violations").EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.GetRawText()).ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    private static string Text(string dom, string id)
    {
        var match = System.Text.RegularExpressions.Regex.Match(dom, $"id=\"{id}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"#{id} is not on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
