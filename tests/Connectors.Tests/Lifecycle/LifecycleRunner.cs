using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;
using Connectors.Tests.Calls;
using Connectors.Tests.Channels;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Connectors.Tests.WrapUp;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// Plays one lifecycle against the rig, one call at a time (the silences move a host's clock, which every call on it
/// shares): its requests in order, each retry at once under the same id, then the settle as an operator would see it
/// (the closing silence of a call that never ended, the wrap-up recorded or parked, a parked one replayed once the
/// CRM is back), then collects what the invariants read from the simulators' own records and the tables.
/// </summary>
public sealed partial class LifecycleRunner(LifecycleRig rig)
{
    private static readonly TimeSpan SettlePatience = TimeSpan.FromSeconds(90);
    private int _runs;

    public async Task<LifecycleRun> RunAsync(Lifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        var n = Interlocked.Increment(ref _runs);
        var host = rig.Host(lifecycle.Crm);
        var run = new LifecycleRun(lifecycle, "CA" + Guid.NewGuid().ToString("N"), rig.NewCustomer(lifecycle.Crm), LifecycleRequests.CardNumber(n));
        run.Note($"lifecycle {lifecycle}; call {run.CallId}; CRM {lifecycle.Crm} with faults {lifecycle.Fault}; AbandonAfter {LifecycleRig.AbandonAfter:c}");
        var before = RecordIds(lifecycle.Crm);
        var faults = lifecycle.Crm == CrmKind.Salesforce ? rig.Salesforce.Faults : rig.Zendesk.Faults;
        faults.Profile = Profile(lifecycle.Fault, n);
        try
        {
            var silence = TimeSpan.Zero;
            var longest = TimeSpan.Zero;
            var ended = false;
            LifecycleStep[] steps = [new(LifecycleEventKind.Connect, false), .. lifecycle.Steps];
            for (var i = 0; i < steps.Length; i++)
            {
                var step = steps[i];
                if (step.IsSilence)
                {
                    await WaitForLookupAsync(host, run);
                    var quiet = Silence(step.Kind);
                    host.Clock.Advance(quiet);
                    silence += quiet;
                    run.Note($"step {i}: {step.Kind}: the host's clock moves on {quiet:c} (OffsetTimeProvider; nothing is sent)");
                    continue;
                }

                longest = Max(longest, silence);
                silence = TimeSpan.Zero;
                var request = Build(run, step.Kind, host.Clock.GetUtcNow(), lifecycle.Crm);
                var (status, body) = await host.SendAsync(request);
                run.Add(new LifecycleExchange(i, step.Kind, false, request, status, body));
                if (step.Retry)
                {
                    var (again, againBody) = await host.SendAsync(request);
                    run.Add(new LifecycleExchange(i, step.Kind, true, request, again, againBody));
                }

                ended |= step.Kind is LifecycleEventKind.End or LifecycleEventKind.EndHumanTookCall && status is >= 200 and < 300;
            }

            if (!ended)
            {
                // The platform never said the call ended: past AbandonAfter the sweep must record it, once. The sweep
                // waits AbandonAfter plus the coalescing of read-only activity marks (CallActivity.QuietPeriod).
                await WaitForLookupAsync(host, run);
                var closing = SweptAfter;
                host.Clock.Advance(closing);
                silence += closing;
                run.Note($"no end was accepted: the host's clock moves on {closing:c} so the abandoned-call sweep records the call");
            }

            run.LongestSilence = Max(longest, silence);
            await SettleAsync(host, run, faults);
        }
        finally
        {
            faults.Profile = FaultProfile.None;
        }

        CollectRecords(run, before);
        if (lifecycle.Steps.Any(s => s.Kind == LifecycleEventKind.SayCard))
        {
            await CollectPlacesAsync(host, run);
        }

        return run;
    }

    /// <summary>A silence the abandoned-call sweep must act on: past AbandonAfter and the coalescing window of activity marks.</summary>
    private static readonly TimeSpan SweptAfter = CallActivity.QuietPeriod(LifecycleRig.AbandonAfter) + TimeSpan.FromMinutes(1);

    private static TimeSpan Silence(LifecycleEventKind kind) => kind switch
    {
        LifecycleEventKind.SilenceJustUnderAbandonAfter => LifecycleRig.AbandonAfter - TimeSpan.FromMinutes(1),
        LifecycleEventKind.SilenceJustOverAbandonAfter => SweptAfter,
        _ => TimeSpan.FromSeconds(30),
    };

    private static FaultProfile Profile(CrmFault fault, int seed) => fault switch
    {
        CrmFault.Flaky => new FaultProfile
        {
            ServerErrorRate = 0.06, ThrottleRate = 0.06, DropRate = 0.06, LateAnswerRate = 0.06,
            RetryAfter = TimeSpan.FromSeconds(1), LateAnswerDelay = TimeSpan.FromSeconds(3), Seed = seed,
        },
        CrmFault.Outage => new FaultProfile { OutageUntil = DateTimeOffset.UtcNow.AddSeconds(12), Seed = seed },
        _ => FaultProfile.None,
    };

    private LifecycleRequest Build(LifecycleRun run, LifecycleEventKind kind, DateTimeOffset hostNow, CrmKind crm)
    {
        var c = run.Customer;
        var id = run.CallId;
        var agent = crm == CrmKind.Zendesk ? ZendeskAgentId : "agent-7";
        var code = LastCode(c.Phone) ?? "000000";
        var cardTurn = $"My card is {Grouped(run.CardNumber)}, the one I was charged on.";
        var retryKey = Guid.NewGuid().ToString("N");
        if (run.Lifecycle.Channel == Lifecycle.Api)
        {
            return kind switch
            {
                LifecycleEventKind.Connect => LifecycleRequests.Api("POST", $"api/calls/{id}/connect", new { platform = "webhook", callerNumber = c.Phone, dialledNumber = "+18005551212" }),
                LifecycleEventKind.ReadBalance => LifecycleRequests.Api("GET", $"api/calls/{id}/account?action=balance", null),
                LifecycleEventKind.ReadPayment => LifecycleRequests.Api("GET", $"api/calls/{id}/account?action=payment", null),
                LifecycleEventKind.KnowledgeGood => LifecycleRequests.Api("POST", $"api/calls/{id}/auth/knowledge", new { lastFour = c.LastFour, billingZip = c.Zip }, retryKey),
                LifecycleEventKind.KnowledgeBad => LifecycleRequests.Api("POST", $"api/calls/{id}/auth/knowledge", new { lastFour = c.LastFour, billingZip = "00000" }, retryKey),
                LifecycleEventKind.OtpSend => LifecycleRequests.Api("POST", $"api/calls/{id}/auth/otp", new { channel = "sms" }, retryKey),
                LifecycleEventKind.OtpVerifyGood => LifecycleRequests.Api("POST", $"api/calls/{id}/auth/otp/verify", new { code }, retryKey),
                LifecycleEventKind.OtpVerifyBad => LifecycleRequests.Api("POST", $"api/calls/{id}/auth/otp/verify", new { code = WrongCode(code) }, retryKey),
                LifecycleEventKind.Say => LifecycleRequests.Api("PUT", $"api/calls/{id}/baton", new { intent = "balance", turns = new[] { new { speaker = "caller", text = "What is my balance?" } } }, retryKey),
                LifecycleEventKind.SayCard => LifecycleRequests.Api("PUT", $"api/calls/{id}/baton", new { intent = "billing-dispute", turns = new[] { new { speaker = "caller", text = cardTurn } } }, retryKey),
                LifecycleEventKind.Transfer => LifecycleRequests.Api("POST", $"api/calls/{id}/transfer", new { reason = "agent-request", target = "billing" }, retryKey),
                LifecycleEventKind.Answered => LifecycleRequests.Api("POST", $"api/calls/{id}/answered", new { agentId = agent }),
                LifecycleEventKind.End => LifecycleRequests.Api("POST", $"api/calls/{id}/end", new { humanTookCall = false, reason = "caller-hung-up" }),
                LifecycleEventKind.EndHumanTookCall => LifecycleRequests.Api("POST", $"api/calls/{id}/end", new { humanTookCall = true, reason = "agent-hung-up" }),
                LifecycleEventKind.Disposition => Disposition(id),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a request."),
            };
        }

        (string Action, Dictionary<string, string> Parameters) command = kind switch
        {
            LifecycleEventKind.Connect => ("connect", new() { ["callerNumber"] = c.Phone, ["dialledNumber"] = "+18005551212" }),
            LifecycleEventKind.ReadBalance => ("read", new() { ["for"] = "balance" }),
            LifecycleEventKind.ReadPayment => ("read", new() { ["for"] = "payment" }),
            LifecycleEventKind.KnowledgeGood => ("knowledge", new() { ["lastFour"] = c.LastFour, ["billingZip"] = c.Zip }),
            LifecycleEventKind.KnowledgeBad => ("knowledge", new() { ["lastFour"] = c.LastFour, ["billingZip"] = "00000" }),
            LifecycleEventKind.OtpSend => ("otp-send", new() { ["channel"] = "sms" }),
            LifecycleEventKind.OtpVerifyGood => ("otp-verify", new() { ["code"] = code }),
            LifecycleEventKind.OtpVerifyBad => ("otp-verify", new() { ["code"] = WrongCode(code) }),
            LifecycleEventKind.Say => ("say", new() { ["speaker"] = "caller", ["text"] = "What is my balance?", ["intent"] = "balance" }),
            LifecycleEventKind.SayCard => ("say", new() { ["speaker"] = "caller", ["text"] = cardTurn, ["intent"] = "billing-dispute" }),
            LifecycleEventKind.Transfer => ("transfer", new() { ["reason"] = "agent-request", ["target"] = "billing" }),
            LifecycleEventKind.Answered => ("answered", new() { ["agentId"] = agent }),
            LifecycleEventKind.End => ("end", new() { ["reason"] = "caller-hung-up" }),
            LifecycleEventKind.EndHumanTookCall => ("end", new() { ["reason"] = "agent-hung-up", ["humanTookCall"] = "true" }),
            LifecycleEventKind.Disposition => (string.Empty, []),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a request."),
        };
        return kind == LifecycleEventKind.Disposition
            ? Disposition(id)
            : LifecycleRequests.Channel(run.Lifecycle.Channel, id, command.Action, command.Parameters, retryKey, hostNow);
    }

    private const string ZendeskAgentId = "1002";

    /// <summary>The human's disposition comes from the agent's desktop, through the JSON API, whatever platform carried the call.</summary>
    private static LifecycleRequest Disposition(string callId) =>
        LifecycleRequests.Api("POST", $"api/calls/{callId}/disposition", new { outcomeCode = "BALANCE_ENQUIRY", summary = "Balance given after the check." });

    private string? LastCode(string phone) =>
        rig.Twilio.Messages.LastOrDefault(m => m.To == phone) is { } message && SixDigits().Match(message.Body) is { Success: true } match ? match.Value : null;

    private static string WrongCode(string code) => code == "123456" ? "654321" : "123456";

    private static string Grouped(string card) => string.Join(' ', card.Chunk(4).Select(g => new string(g)));

    /// <summary>
    /// A silence jumps the host's clock, but the call's caller lookup still runs in real time: were it to finish after
    /// the jump, its event would be stamped past the silence, as no lookup that takes seconds on a real call ever is.
    /// So a silence starts once the lookup is done (bounded; it may stay pending through an outage).
    /// </summary>
    private static async Task WaitForLookupAsync(LifecycleHost host, LifecycleRun run)
    {
        var summary = LifecycleRequests.Api("GET", $"api/calls/{run.CallId}", null);
        try
        {
            await Wait.UntilAsync(
                async () =>
                {
                    var (status, body) = await host.SendAsync(summary);
                    return status != 200 || ScreenPopHost.FetchIsDone(JsonDocument.Parse(body).RootElement);
                },
                "the call's lookup to finish before a silence",
                TimeSpan.FromSeconds(30));
            run.Note($"waited for the call's lookup to finish ({summary.Method} /{summary.Path})");
        }
        catch (TimeoutException)
        {
            run.Note("the call's lookup was still pending after 30 s; the silence starts anyway");
        }
    }

    private static async Task SettleAsync(LifecycleHost host, LifecycleRun run, FaultInjector faults)
    {
        var state = await StateAsync(host, run, SettlePatience, "recorded", "parked", "failed");
        for (var round = 0; round < 3 && state == "parked"; round++)
        {
            // The CRM is back; an operator replays what is parked.
            faults.Profile = FaultProfile.None;
            var replay = LifecycleRequests.Api("POST", $"api/wrapups/{run.CallId}/replay", null);
            var (status, body) = await host.SendAsync(replay);
            run.Note($"the wrap-up is parked and the CRM is back: {replay} -> {status} {body}");
            state = await StateAsync(host, run, SettlePatience, "recorded", "failed");
        }

        run.SettledState = state;
        run.Note($"settled: the wrap-up is {state}");
    }

    private static async Task<string> StateAsync(LifecycleHost host, LifecycleRun run, TimeSpan patience, params string[] states)
    {
        var last = "none";
        try
        {
            return await Wait.ForAsync(
                async () =>
                {
                    var (status, body) = await host.SendAsync(LifecycleRequests.Api("GET", $"api/calls/{run.CallId}/wrapup", null));
                    last = status == 200 ? JsonDocument.Parse(body).RootElement.GetProperty("state").GetString() ?? "none" : $"none ({status})";
                    return last;
                },
                states.Contains,
                $"the wrap-up of {run.CallId} to be {string.Join(" or ", states)}",
                patience);
        }
        catch (TimeoutException)
        {
            return last;
        }
    }

    /// <summary>Every record the CRM holds now, by id: what a call made is what was not there before it, or what is keyed by it.</summary>
    private HashSet<string> RecordIds(CrmKind crm) => crm == CrmKind.Salesforce
        ? rig.Salesforce.Org.Records("Task").Select(r => r.Id).ToHashSet(StringComparer.Ordinal)
        : rig.Zendesk.Account.Tickets().Select(t => t.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The call's records, counted across every record it made in its CRM, whatever write made it
    /// (<see cref="CallRecords"/>), and any record that appeared while the call ran (calls run one at a time, and each
    /// settles before the next starts), so a record under a key nobody expected still counts.
    /// </summary>
    private void CollectRecords(LifecycleRun run, HashSet<string> before)
    {
        if (run.Lifecycle.Crm == CrmKind.Salesforce)
        {
            var own = CallRecords.Salesforce(rig.Salesforce, run.CallId).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var task in rig.Salesforce.Org.Records("Task").Where(r => own.Contains(r.Id) || !before.Contains(r.Id)))
            {
                run.RecordOutcomes.Add(task.Text("CallDisposition") ?? string.Empty);
            }

            return;
        }

        var tickets = CallRecords.Zendesk(rig.Zendesk, run.CallId).Select(t => t.Id).ToHashSet();
        foreach (var ticket in rig.Zendesk.Account.Tickets().Where(t => tickets.Contains(t.Id) || !before.Contains(t.Id.ToString(CultureInfo.InvariantCulture))))
        {
            var outcome = ticket.Tags.FirstOrDefault(t => t.StartsWith(OutcomeTagPrefix, StringComparison.Ordinal));
            run.RecordOutcomes.Add(outcome is null ? string.Empty : outcome[OutcomeTagPrefix.Length..].ToUpperInvariant());
        }
    }

    private const string OutcomeTagPrefix = "connectors_outcome_";

    private async Task CollectPlacesAsync(LifecycleHost host, LifecycleRun run)
    {
        run.Places["answers"] = string.Join('\n', run.Exchanges.Select(e => e.Body));
        run.Places["tables"] = await TableSnapshot.ValuesAsync(AzuriteStorage.ConnectionString, host.TablePrefix);
        run.Places["logs"] = host.Logs.AllText();
        run.Places["salesforce"] = JsonSerializer.Serialize(rig.Salesforce.Requests);
        run.Places["zendesk"] = JsonSerializer.Serialize(rig.Zendesk.Requests.Entries) + JsonSerializer.Serialize(rig.Zendesk.Account.Tickets());
        run.Places["sms"] = JsonSerializer.Serialize(rig.Twilio.Messages);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
