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

    /// <summary>Saves a PNG of the page at <paramref name="file"/>.</summary>
    public static async Task ScreenshotAsync(Uri url, string file)
    {
        var (exit, _, error) = await RunAsync($"--screenshot={file}", "--window-size=1100,1400", url.AbsoluteUri);
        Assert.True(exit == 0 && File.Exists(file), $"chromium exited {exit} without a screenshot: {error}");
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
