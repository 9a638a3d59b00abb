using Connectors.Scenarios;

try
{
    var arguments = RunnerArguments.Parse(args);
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return await new RunnerCommand(arguments).RunAsync(cancel.Token);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
