using System.Diagnostics;
using System.Text.Json;
using Connectors.Tests.Channels;
using Connectors.Tests.Infrastructure;

namespace Connectors.Tests.Signals;

/// <summary>
/// Runs axe-core (pinned in tools/signals-page, installed by the build) over a page's HTML in Debian's chromium: the
/// page is saved with axe appended, chromium runs it with a virtual-time budget so axe's promise settles, and the
/// violations come back in the dumped DOM.
/// </summary>
internal static class ChromiumAxe
{
    public static string ScriptPath => Path.Combine(DeploymentTemplateTests.Root, "tools", "signals-page", "node_modules", "axe-core", "axe.min.js");

    /// <summary>Each violation as (id, impact, how many nodes).</summary>
    public static async Task<IReadOnlyList<(string Id, string Impact, int Nodes)>> ViolationsAsync(string html, string name)
    {
        var axe = await File.ReadAllTextAsync(ScriptPath);
        const string Runner = """
            <script>
            axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
              var out = document.createElement('pre'); out.id = 'axe-result';
              out.textContent = JSON.stringify(r.violations.map(function (v) { return { id: v.id, impact: v.impact || '', nodes: v.nodes.length }; }));
              document.body.appendChild(out);
            });
            </script>
            """;
        var file = PageArtifacts.Save(name, html.Replace("</body>", "<script>" + axe + "</script>" + Runner + "</body>", StringComparison.Ordinal));
        var start = new ProcessStartInfo(HeadlessChromium.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        var profile = Directory.CreateTempSubdirectory("connectors-axe-");
        try
        {
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile.FullName}", "--virtual-time-budget=20000", "--window-size=1100,1400", "--dump-dom", new Uri(file).AbsoluteUri })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(deadline.Token);
            var dom = await output;
            var at = dom.IndexOf("<pre id=\"axe-result\">", StringComparison.Ordinal);
            Assert.True(at >= 0, "axe did not report (no #axe-result in the dumped DOM)");
            var json = System.Net.WebUtility.HtmlDecode(dom[(at + "<pre id=\"axe-result\">".Length)..dom.IndexOf("</pre>", at, StringComparison.Ordinal)]);
            using var violations = JsonDocument.Parse(json);
            return violations.RootElement.EnumerateArray()
                .Select(v => (v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("nodes").GetInt32()))
                .ToList();
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
