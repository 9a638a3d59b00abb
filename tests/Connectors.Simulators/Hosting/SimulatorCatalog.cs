namespace Connectors.Simulators.Hosting;

/// <summary>
/// The simulators the process starts, each on the port given as <c>--{name}-port N</c> (default: a free one).
/// </summary>
public static class SimulatorCatalog
{
    public static async Task<IReadOnlyList<(string Name, SimulatorServer Server)>> StartAllAsync(string[] args, CancellationToken cancellationToken)
    {
        var started = new List<(string, SimulatorServer)>();
        foreach (var (name, start) in Entries())
        {
            started.Add((name, await start(PortFor(args, name), cancellationToken)));
        }

        return started;
    }

    private static IEnumerable<(string Name, Func<int, CancellationToken, Task<SimulatorServer>> Start)> Entries()
    {
        yield return (SimulatorSettings.Salesforce, async (port, ct) => (await Salesforce.SalesforceSimulator.StartAsync(port: port, cancellationToken: ct)).Server);
        yield return (SimulatorSettings.Zendesk, async (port, ct) => (await Zendesk.ZendeskSimulator.StartAsync(port: port, cancellationToken: ct)).Server);
        yield return (SimulatorSettings.Twilio, async (port, ct) => (await TwilioMessaging.TwilioMessagingSimulator.StartAsync(null, port, ct)).Server);
        yield return (SimulatorSettings.Acs, async (port, ct) => (await AcsSms.AcsSmsSimulator.StartAsync(null, port, ct)).Server);
        yield return (SimulatorSettings.Graph, async (port, ct) => (await GraphMail.GraphMailSimulator.StartAsync(null, port, ct)).Server);
    }

    private static int PortFor(string[] args, string name)
    {
        var index = Array.IndexOf(args, $"--{name}-port");
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var port) ? port : 0;
    }
}
