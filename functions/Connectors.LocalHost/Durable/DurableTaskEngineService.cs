using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Connectors.Core.WrapUp;
using Connectors.Core.Storage;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;

namespace Connectors.LocalHost.Durable;

/// <summary>
/// The one place LocalHost hosts the Durable Task engine: DTFx's <see cref="AzureStorageOrchestrationService"/>
/// on the connector's storage account, behind the gRPC sidecar (<see cref="TaskHubGrpcServer"/>, a preview
/// from a testing package, pinned exactly) on a loopback HTTP/2 port. The Durable Task worker and client of
/// the app talk to it through <see cref="DurableTaskSidecarChannel"/>. Registered before the worker, so it
/// starts first and stops last.
/// </summary>
public sealed partial class DurableTaskEngineService : IHostedService, IAsyncDisposable
{
    private readonly DurableTaskSidecarChannel _channel;
    private readonly IOptions<DurableEngineOptions> _options;
    private readonly IOptions<StorageOptions> _storage;
    private readonly ILoggerFactory _loggerFactory;
    private readonly StorageTransactionMeter _transactions;
    private readonly ILogger _logger;
    private WebApplication? _sidecar;
    private StopSafeOrchestrationService? _service;

    public DurableTaskEngineService(DurableTaskSidecarChannel channel, IOptions<DurableEngineOptions> options, IOptions<StorageOptions> storage, ILoggerFactory loggerFactory, StorageTransactionMeter transactions)
    {
        _transactions = transactions;
        _channel = channel;
        _options = options;
        _storage = storage;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<DurableTaskEngineService>();
    }

    public string HubName => DurableEngineOptions.EffectiveHubName(_options.Value.HubName, _storage.Value.TablePrefix);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = _options.Value;
        var connectionString = _storage.Value.ConnectionString
            ?? throw new InvalidOperationException("LocalHost's Durable Task engine needs Storage:ConnectionString (Azurite's, locally).");
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = HubName,
            StorageAccountClientProvider = CountedClients(connectionString),
            WorkerId = o.WorkerId,
            PartitionCount = o.PartitionCount,
            MaxQueuePollingInterval = o.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = o.MaxConcurrentActivities,
            MaxStorageOperationConcurrency = DurableEngineOptions.StorageOperationsFor(o.MaxConcurrentActivities),
            WorkItemQueueVisibilityTimeout = o.WorkItemVisibilityTimeout,
            ControlQueueVisibilityTimeout = o.ControlQueueVisibilityTimeout,
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = _loggerFactory,
        });
        try
        {
            await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host still starts, so health can say storage is down; wrap-ups fail until a restart with storage up.
            LogNotStarted(e, HubName);
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, _channel.Port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        _service = new StopSafeOrchestrationService(service);
        builder.Services.AddSingleton<IOrchestrationService>(_service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _sidecar = builder.Build();
        _sidecar.MapGrpcService<TaskHubGrpcServer>();
        await _sidecar.StartAsync(cancellationToken);
        LogStarted(HubName, o.WorkerId, _channel.Address);
    }

    /// <summary>
    /// The engine's blob, queue and table clients on the connection string, each counting its requests: its queue polls
    /// while idle are most of what a quiet hub costs in Azure.
    /// </summary>
    private StorageAccountClientProvider CountedClients(string connectionString) => new(
        StorageServiceClientProvider.ForBlob(connectionString, _transactions.Count(new BlobClientOptions(), StorageTransactionMeter.Blob, StorageTransactionMeter.DurableEngineClient)),
        StorageServiceClientProvider.ForQueue(connectionString, _transactions.Count(new QueueClientOptions(), StorageTransactionMeter.Queue, StorageTransactionMeter.DurableEngineClient)),
        StorageServiceClientProvider.ForTable(connectionString, _transactions.Count(new TableClientOptions(), StorageTransactionMeter.Table, StorageTransactionMeter.DurableEngineClient)));

    /// <summary>
    /// The first step of a host's stop (<see cref="DurableTaskDrainService"/>, which stops before the worker): no new work
    /// goes to the worker and what it holds completes, within <see cref="DurableEngineOptions.DrainTimeout"/>.
    /// </summary>
    public async Task DrainAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (_service is null)
        {
            return;
        }

        if (!await _service.DrainAsync(_options.Value.DrainTimeout, time, cancellationToken))
        {
            LogNotDrained(_service.InFlight, _options.Value.DrainTimeout);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sidecar is not null)
        {
            await _sidecar.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
            _sidecar = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Durable Task engine not started: the task hub {HubName} could not be created in storage")]
    private partial void LogNotStarted(Exception exception, string hubName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable Task engine stopping with {InFlight} work items still running after {DrainTimeout}; they run again after a restart")]
    private partial void LogNotDrained(int inFlight, TimeSpan drainTimeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task engine: hub {HubName}, worker {WorkerId}, sidecar {Address}")]
    private partial void LogStarted(string hubName, string workerId, Uri address);
}
