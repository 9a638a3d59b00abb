using System.Diagnostics;

namespace Connectors.Tests.Channels;

/// <summary>
/// Debian's chromium, driven directly (<c>--headless --dump-dom</c>, <c>--screenshot</c>): scripts/test.sh installs it and
/// sets <c>CONNECTORS_CHROMIUM</c>. A run without it fails, rather than skipping what it should show.
/// </summary>
internal static class HeadlessChromium
{
    public static string Path
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CONNECTORS_CHROMIUM") ?? "/usr/bin/chromium";
            return File.Exists(path) ? path : throw new InvalidOperationException($"chromium is not at {path}; run the tests through scripts/test.sh, which installs it.");
        }
    }

    /// <summary>The DOM after the page loaded, as chromium serialises it.</summary>
    public static async Task<string> DumpDomAsync(Uri url) => (await RunAsync("--dump-dom", url.AbsoluteUri)).Output;

    /// <summary>Saves a PNG of the page at <paramref name="file"/>, in a window of <paramref name="width"/> by <paramref name="height"/> CSS pixels.</summary>
    public static async Task ScreenshotAsync(Uri url, string file, int width = 1100, int height = 1400)
    {
        var (exit, _, error) = await RunAsync($"--screenshot={file}", $"--window-size={width},{height}", "--hide-scrollbars", url.AbsoluteUri);
        Assert.True(exit == 0 && File.Exists(file), $"chromium exited {exit} without a screenshot: {error}");
    }

    /// <summary>
    /// Runs axe-core (installed by scripts/test.sh from tools/axe-core, path in <c>CONNECTORS_AXE_SCRIPT</c>) in
    /// <paramref name="html"/>, the page as the host served it, in a window <paramref name="width"/> CSS pixels wide, and
    /// answers <c>{"violations": [...], "scrollWidth": n}</c> as JSON. The served page's policy forbids every script, so the
    /// page is loaded from a file with the engine injected before its end.
    /// </summary>
    public static async Task<string> AuditAsync(string html, string workFile, int width)
    {
        var axe = Environment.GetEnvironmentVariable("CONNECTORS_AXE_SCRIPT");
        Assert.True(axe is not null && File.Exists(axe), $"axe-core is not at '{axe}'; run the tests through scripts/test.sh, which installs it.");
        const string runner = "<script>axe.run(document,{resultTypes:['violations']}).then(function(r){var p=document.createElement('pre');p.id='axe-results';"
            + "p.textContent=JSON.stringify({scrollWidth:document.documentElement.scrollWidth,innerWidth:window.innerWidth,violations:r.violations.map(function(v){return {id:v.id,impact:v.impact,help:v.help,nodes:v.nodes.map(function(n){return n.html;})};})});document.body.appendChild(p);},"
            + "function(e){var p=document.createElement('pre');p.id='axe-error';p.textContent=String(e);document.body.appendChild(p);});</script>";
        var injected = html.Replace("</body>", $"<script>{await File.ReadAllTextAsync(axe)}</script>{runner}</body>", StringComparison.Ordinal);
        Assert.NotEqual(html, injected);
        await File.WriteAllTextAsync(workFile, injected);
        var (exit, dom, error) = await RunAsync("--virtual-time-budget=15000", "--allow-file-access-from-files", $"--window-size={width},1400", "--dump-dom", new Uri(workFile).AbsoluteUri);
        var start = dom.IndexOf("<pre id=\"axe-results\">", StringComparison.Ordinal);
        Assert.True(exit == 0 && start >= 0, $"axe did not report (chromium exited {exit}): {error} {(dom.Contains("axe-error", StringComparison.Ordinal) ? dom[dom.IndexOf("axe-error", StringComparison.Ordinal)..] : string.Empty)}");
        start += "<pre id=\"axe-results\">".Length;
        return System.Net.WebUtility.HtmlDecode(dom[start..dom.IndexOf("</pre>", start, StringComparison.Ordinal)]);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("connectors-chromium-");
        try
        {
            var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile.FullName}" }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 90 s.");
            }

            return (process.ExitCode, await output, await error);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
