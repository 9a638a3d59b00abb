using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;
using Connectors.Core.Observability;

namespace Connectors.Core.Storage;

/// <summary>
/// Counts every request the app's storage clients send (<see cref="MetricNames.StorageTransactions"/>): Azure bills
/// storage per transaction, so a hot path's round trips are its cost as well as its latency. A client counts once its
/// options carry <see cref="PolicyFor"/>'s policy, added per retry because each attempt is billed.
/// </summary>
public sealed class StorageTransactionMeter
{
    public const string Table = "table";
    public const string Queue = "queue";
    public const string Blob = "blob";
    public const string AppClient = "app";
    public const string DurableEngineClient = "durable-engine";

    private readonly Counter<long> _transactions;

    public StorageTransactionMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _transactions = meterFactory.Create(ConnectorsTelemetry.MeterName)
            .CreateCounter<long>(MetricNames.StorageTransactions, description: "Requests sent to Azure Storage (each a billed transaction), retries included, by service and client.");
    }

    /// <summary>The pipeline policy that counts one request of <paramref name="client"/> to <paramref name="service"/> per attempt.</summary>
    public HttpPipelinePolicy PolicyFor(string service, string client) => new CountingPolicy(this, service, client);

    /// <summary>Adds the counting policy to <paramref name="options"/> (any Azure SDK client's options).</summary>
    public T Count<T>(T options, string service, string client)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(PolicyFor(service, client), HttpPipelinePosition.PerRetry);
        return options;
    }

    private void Record(string service, string client) =>
        _transactions.Add(1, new KeyValuePair<string, object?>(MetricNames.TagStorageService, service), new KeyValuePair<string, object?>(MetricNames.TagStorageClient, client));

    private sealed class CountingPolicy(StorageTransactionMeter meter, string service, string client) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => meter.Record(service, client);
    }
}
