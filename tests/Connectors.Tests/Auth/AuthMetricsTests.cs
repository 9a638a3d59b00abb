using System.Diagnostics.Metrics;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Auth.Passcodes;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth;

public sealed class AuthMetricsTests
{
    [Fact]
    public async Task Every_attempt_counts_by_method_and_outcome_and_every_send_by_channel_and_outcome()
    {
        using var rig = StepUpRig.Create();
        var factory = rig.Get<IMeterFactory>();
        var measured = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this rig's meter: other tests run in parallel with their own.
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measured)
            {
                measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
        _ = rig.Get<AuthMetrics>();

        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);
        await rig.Get<KnowledgeCheckService>().CheckAsync(callId, new("0000", "94105"), CancellationToken.None);
        await rig.Get<KnowledgeCheckService>().CheckAsync(callId, new("4242", "94105"), CancellationToken.None);
        await rig.Get<PasscodeSendService>().SendAsync(callId, new(PasscodeChannel.Sms), CancellationToken.None);
        await rig.Get<PasscodeVerifyService>().VerifyAsync(callId, new(Codes.In(rig.Sms.Sent[0].Text)), CancellationToken.None);

        var attempts = measured.Where(m => m.Instrument == AuthMetrics.AttemptsName)
            .Select(m => ((string)m.Tags["method"]!, (string)m.Tags["outcome"]!, m.Value))
            .ToList();
        Assert.Equal(
            [("knowledge-check", "failed", 1L), ("knowledge-check", "passed", 1L), ("sms-passcode", "passed", 1L)],
            attempts);
        var send = Assert.Single(measured, m => m.Instrument == AuthMetrics.PasscodeSendsName);
        Assert.Equal(("sms", "fake-sms", "sent"), ((string)send.Tags["channel"]!, (string)send.Tags["provider"]!, (string)send.Tags["outcome"]!));
    }
}
