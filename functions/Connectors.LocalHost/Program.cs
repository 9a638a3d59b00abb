namespace Connectors.LocalHost;

/// <summary>LocalHost's entry point; a named, public type so tests and the benchmark host it through WebApplicationFactory.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var app = LocalHostApp.Create(args);
        await app.RunAsync();
    }
}
