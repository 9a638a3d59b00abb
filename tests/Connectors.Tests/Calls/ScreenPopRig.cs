using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Connectors.Core.Auth;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Queues;
using Connectors.Core.Storage;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Calls;

/// <summary>
/// The screen-pop as <c>AddScreenPop</c> registers it, on Azurite (a table prefix of the rig's own), with
/// a fake clock, <see cref="ScriptedCrmConnector"/>, and a queue that only records, so a test decides
/// when (and how often) the prefetch runs.
/// </summary>
public sealed class ScreenPopRig : IDisposable
{
    public const string Caller = "+14155552671";

    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private TimerRecordingTimeProvider? _timers;

    public ScreenPopRig(Dictionary<string, string?>? settings = null)
    {
        // The session keeps knowledge answers as keyed hashes, so the rig needs the step-up key as a host has it.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("screen")))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["StepUp:HashKey"] = Convert.ToBase64String(new byte[32]) })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<TimeProvider>(Timers)
            .AddSingleton<ICrmConnector>(Crm)
            .AddSingleton<IWorkQueue>(Queue);
        services.AddTableStorage(configuration);
        services.AddScreenPop(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meterFactory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public FakeTimeProvider Clock { get; } = new();

    /// <summary>The clock as the services see it, remembering every timer they set (a read that waits sets one to look again).</summary>
    public TimerRecordingTimeProvider Timers => _timers ??= new TimerRecordingTimeProvider(Clock);

    public ScriptedCrmConnector Crm { get; } = new();

    public RecordingWorkQueue Queue { get; } = new();

    public ICallSessionStore Sessions => _services.GetRequiredService<ICallSessionStore>();

    public AccountReader Reader => _services.GetRequiredService<AccountReader>();

    public AccountSelector Selector => _services.GetRequiredService<AccountSelector>();

    public AccountFetchScheduler Scheduler => _services.GetRequiredService<AccountFetchScheduler>();

    public IWorkItemHandler Prefetch => _services.GetServices<IWorkItemHandler>().Single(h => h.Queue == AccountFetchMessage.Queue);

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async Task<CallSession> ConnectAsync(string callId, string? caller = Caller, string? ivrDigits = null)
    {
        var (session, _) = await _services.GetRequiredService<CallSessionOpener>()
            .OpenAsync(callId, new ConnectCallRequest("twilio", caller, IvrDigits: ivrDigits), CancellationToken.None);
        return session;
    }

    /// <summary>Delivers every message queued so far to the prefetch handler, once each; failures are returned, not thrown.</summary>
    public async Task<IReadOnlyList<Exception>> RunQueuedAsync()
    {
        var failures = new List<Exception>();
        foreach (var item in Queue.TakeAll())
        {
            try
            {
                await Prefetch.HandleAsync(item, CancellationToken.None);
            }
            catch (CrmUnavailableException ex)
            {
                failures.Add(ex);
            }
        }

        return failures;
    }

    public Task<CallSession?> PassAsync(string callId, AuthMethod method, AssuranceLevel level, string accountId) =>
        Sessions.UpdateAsync(callId, s => s with { Auth = s.Auth.WithPass(new AuthPass(method, level, accountId, Clock.GetUtcNow())) }, CancellationToken.None);

    public async Task<CallSession> SessionAsync(string callId) => (await Sessions.GetAsync(callId, CancellationToken.None))!;

    /// <summary>The ETag Table Storage holds for the call's session: it changes on every write, so an equal one means nothing was written.</summary>
    public async Task<string> StoredSessionETagAsync(string callId)
    {
        var stored = await Get<DocumentTableFactory>().GetTableClient(CallSessionStore.TableName)
            .GetEntityAsync<Azure.Data.Tables.TableEntity>(callId, "session");
        return stored.Value.ETag.ToString();
    }

    /// <summary>Moves the fake clock in small steps until <paramref name="task"/> finishes (bounded), for reads that wait on it.</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            Clock.Advance(step);
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Measurements(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags)).ToList();

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }
}
