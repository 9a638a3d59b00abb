using Connectors.Core.Storage;

namespace Connectors.Benchmarks;

/// <summary>Storage transactions by client (app, Durable engine) and service (table, queue, blob).</summary>
internal sealed class StorageCount
{
    public static readonly string[] Services = [StorageTransactionMeter.Table, StorageTransactionMeter.Queue, StorageTransactionMeter.Blob];

    private readonly Dictionary<(string Client, string Service), double> _counts = [];

    public void Add(string client, string service, double value) =>
        _counts[(client, service)] = Get(client, service) + value;

    public double Get(string client, string service) => _counts.GetValueOrDefault((client, service));

    public StorageCount Minus(StorageCount other, string? onlyClient = null)
    {
        var result = new StorageCount();
        foreach (var ((client, service), value) in _counts)
        {
            result.Add(client, service, onlyClient is null || onlyClient == client ? Math.Max(0, value - other.Get(client, service)) : value);
        }

        return result;
    }

    public StorageCount Scale(double factor)
    {
        var result = new StorageCount();
        foreach (var ((client, service), value) in _counts)
        {
            result.Add(client, service, value * factor);
        }

        return result;
    }
}
