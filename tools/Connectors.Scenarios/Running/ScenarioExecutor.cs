using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Scenarios.Model;

namespace Connectors.Scenarios.Running;

/// <summary>
/// Drives one scenario through one entry point against a live host, as a dry run: every step sent as that platform
/// sends it, branches taken on the answers, faults injected where the scenario says, then the wrap-up waited for and the
/// ledger, level and handoff read back. It judges nothing but each answer against its step's expectation.
/// </summary>
public sealed partial class ScenarioExecutor(HttpClient http, RunnerSettings settings)
{
    private static readonly string[] GateActions = ["knowledge", "otp-send", "otp-verify", "select"];

    private readonly SemaphoreSlim _inbox = new(1, 1);

    public async Task<ChannelRun> RunAsync(Scenario scenario, string channel, string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var state = new RunState(scenario, new PlatformDriver(channel, http, settings), callId);
        string? error = null;
        try
        {
            await RunStepsAsync(state, scenario.Steps, cancellationToken);
            if (state.Ended && state.WrapUpState is null or "running" or "waiting-for-human")
            {
                state.WrapUpState = await WaitForWrapUpAsync(callId, ["recorded", "parked", "failed", "no-session"], cancellationToken);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            error = e.Message;
        }
        finally
        {
            await ClearFaultsAsync(scenario, cancellationToken);
        }

        var summary = await GetJsonAsync($"api/calls/{callId}", cancellationToken);
        var ledger = await GetJsonAsync($"api/calls/{callId}/dry-run/ledger", cancellationToken);
        var (view, page) = await HandoffAsync(state, cancellationToken);
        return new ChannelRun
        {
            Channel = channel,
            CallId = callId,
            Steps = state.Records,
            Level = summary?.TryGetProperty("assuranceLevel", out var level) == true ? level.GetString() : null,
            Ledger = ledger?.TryGetProperty("entries", out var entries) == true ? [.. entries.EnumerateArray().Select(LedgerWrite.Read)] : [],
            WrapUpState = state.WrapUpState,
            Handoff = view,
            HandoffPage = page,
            Error = error,
        };
    }

    private async Task RunStepsAsync(RunState state, IReadOnlyList<ScenarioStep> steps, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            if (step.If is { } condition)
            {
                var last = state.Records.Count == 0 ? null : state.Records[^1].Answer;
                var holds = last is not null && (last.Problem == condition || last.Outcome == condition || last.Fields.GetValueOrDefault("action") == condition);
                await RunStepsAsync(state, holds ? step.Then : step.Else, cancellationToken);
                continue;
            }

            await ApplyFaultsAsync(state, cancellationToken);
            await RunStepAsync(state, step, cancellationToken);
        }
    }

    private async Task RunStepAsync(RunState state, ScenarioStep step, CancellationToken cancellationToken)
    {
        var index = state.Records.Count + 1;
        var before = state.Level;
        var answers = new List<CallAnswer>();
        var action = step.Do!;
        var label = action == "read" && step.With.TryGetValue("for", out var purpose)
            ? "read " + purpose
            : action + (step.With.Count == 0 ? string.Empty : " " + string.Join(" ", step.With.Select(w => $"{w.Key}={(Connectors.Core.Replay.RecordedRequestRedactor.IsSecret(w.Key) ? "***" : w.Value)}")));
        switch (action)
        {
            case "wait-lookup":
                var summary = await PollAsync($"api/calls/{state.CallId}", s => s.TryGetProperty("fetchStatus", out var f) && f.GetString() != "pending", "the caller lookup", cancellationToken);
                answers.Add(CallAnswer.Read(PlatformDriver.Api, action, $"GET api/calls/{state.CallId}", 200, summary.GetRawText()));
                break;
            case "pause":
                // A scripted caller's silence (a code left to expire); never used to wait for the host.
                await Task.Delay(TimeSpan.FromSeconds(double.Parse(step.With.GetValueOrDefault("seconds", "1"), CultureInfo.InvariantCulture)), cancellationToken);
                break;
            case "passcode":
                // One code in flight at a time, so the inbox's next message is this call's code whichever runs go at once.
                await _inbox.WaitAsync(cancellationToken);
                string? code;
                try
                {
                    var seen = (await InboxAsync(cancellationToken)).Count;
                    answers.Add(await SendAsync(state, "otp-send", new() { ["channel"] = step.With.GetValueOrDefault("channel", "sms") }, step.Twice, cancellationToken));
                    code = answers[^1].Outcome == "sent" ? await ReadCodeAsync(seen, cancellationToken) : null;
                }
                finally
                {
                    _inbox.Release();
                }

                if (code is not null)
                {
                    var wrong = step.With.GetValueOrDefault("code") is "wrong";
                    answers.Add(await SendAsync(state, "otp-verify", new() { ["code"] = wrong ? (code == "000000" ? "999999" : "000000") : code }, step.Twice, cancellationToken));
                }

                break;
            case "confirm" or "edit":
                var waiting = await PollAsync($"api/calls/{state.CallId}/wrapup", s => s.GetProperty("state").GetString() is not "running", "the wrap-up to wait for the human", cancellationToken);
                var draft = waiting.TryGetProperty("draft", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
                var disposition = new Dictionary<string, string>
                {
                    ["outcomeCode"] = action == "edit" && step.With.TryGetValue("outcomeCode", out var code2) ? code2 : Text(draft, "outcomeCode") ?? string.Empty,
                    ["summary"] = action == "edit" && step.With.TryGetValue("summary", out var text) ? text : Text(draft, "summary") ?? string.Empty,
                };
                answers.Add(await SendAsync(state, "disposition", disposition, step.Twice, cancellationToken));
                break;
            case "wait-wrapup":
                var until = step.With.GetValueOrDefault("state");
                var final = until is null ? ["recorded", "parked", "failed", "no-session"] : new[] { until, "failed" };
                state.WrapUpState = await WaitForWrapUpAsync(state.CallId, final, cancellationToken);
                answers.Add(CallAnswer.Read(PlatformDriver.Api, action, $"GET api/calls/{state.CallId}/wrapup", 200, JsonSerializer.Serialize(new { status = state.WrapUpState })));
                break;
            case "heal":
                // The CRM is back: the simulators' faults and the dry run's remaining write faults are cleared.
                await ClearFaultsAsync(state.Scenario, cancellationToken);
                foreach (var kind in state.Scenario.Faults.Select(f => f.Writes).OfType<string>().Distinct())
                {
                    using var heal = new HttpRequestMessage(HttpMethod.Put, $"api/calls/{state.CallId}/dry-run/faults") { Content = JsonContent.Create(new { kind, times = 0 }) };
                    AddKey(heal);
                    using var response = await http.SendAsync(heal, cancellationToken);
                    answers.Add(CallAnswer.Read(PlatformDriver.Api, action, $"PUT api/calls/{state.CallId}/dry-run/faults", (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
                }

                break;
            case "replay-parked":
                using (var replay = new HttpRequestMessage(HttpMethod.Post, $"api/wrapups/{state.CallId}/replay") { Content = JsonContent.Create(new { }) })
                {
                    AddKey(replay);
                    using var response = await http.SendAsync(replay, cancellationToken);
                    answers.Add(CallAnswer.Read(PlatformDriver.Api, action, $"POST api/wrapups/{state.CallId}/replay", (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
                    state.WrapUpState = null;
                }

                break;
            default:
                answers.Add(await SendAsync(state, action, Parameters(state, action, step.With), step.Twice, cancellationToken));
                break;
        }

        foreach (var answer in answers)
        {
            Track(state, answer);
        }

        state.Ended |= action == "end";
        var misses = step.Expect is null || answers.Count == 0 ? [] : Check(step.Expect, answers[^1]);
        // A refusal no one scripted is a miss too: a step without an expected status or problem must be answered 2xx.
        if (step.Expect?.Status is null && step.Expect?.Problem is null && answers.FirstOrDefault(a => a.Status >= 400) is { } refused)
        {
            misses = [.. misses, $"answered {refused.Status} {refused.Summary}{Detail(refused)} to {refused.Request}"];
        }
        if (state.RetryMismatch is { } mismatch)
        {
            misses = [.. misses, mismatch];
            state.RetryMismatch = null;
        }

        state.Records.Add(new StepRecord(index, label, answers, misses, before, state.Level));
    }

    private async Task<CallAnswer> SendAsync(RunState state, string action, Dictionary<string, string> parameters, bool twice, CancellationToken cancellationToken)
    {
        var request = new ChannelRequest(state.CallId, action, parameters, Guid.NewGuid().ToString("N"));
        var first = await state.Driver.SendAsync(request, cancellationToken);
        if (!twice)
        {
            return first;
        }

        // The platform's retry: the same request, the same retry token. It must be answered as the first was.
        var again = await state.Driver.SendAsync(request, cancellationToken);
        if (again.Status != first.Status || again.Summary != first.Summary)
        {
            state.RetryMismatch = $"the retried {action} was answered {again.Status} {again.Summary}, the first {first.Status} {first.Summary}";
        }

        return again with { Request = first.Request + " (sent twice)" };
    }

    private static Dictionary<string, string> Parameters(RunState state, string action, Dictionary<string, string> with)
    {
        var caller = state.Scenario.Caller;
        var p = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string key, string? value)
        {
            if (value is not null)
            {
                p[key] = value;
            }
        }

        switch (action)
        {
            case "connect":
                Put("callerNumber", caller.Number);
                Put("dialledNumber", caller.DialledNumber);
                Put("ivrDigits", caller.IvrDigits);
                Put("platform", state.Driver.Channel == PlatformDriver.Api ? PlatformDriver.Webhook : state.Driver.Channel);
                // Every scenario is a dry run, whichever entry point connects it.
                Put("dryRun", "true");
                break;
            case "knowledge" when with.GetValueOrDefault("answers") == "wrong":
                Put("lastFour", caller.LastFour == "0000" ? "1111" : "0000");
                Put("billingZip", caller.BillingZip == "00000" ? "11111" : "00000");
                break;
            case "knowledge":
                Put("lastFour", caller.LastFour);
                Put("billingZip", caller.BillingZip);
                Put("dateOfBirth", caller.DateOfBirth);
                break;
        }

        foreach (var (key, value) in with.Where(w => w.Key != "answers"))
        {
            p[key] = value;
        }

        return p;
    }

    /// <summary>The level the answers prove: a passed knowledge check, a passed passcode.</summary>
    private static void Track(RunState state, CallAnswer answer)
    {
        var reached = answer.Fields.GetValueOrDefault("level") ?? answer.Fields.GetValueOrDefault("assuranceLevel");
        if (answer.Outcome == "passed" && reached is not null && ScenarioPolicy.Rank(reached) > ScenarioPolicy.Rank(state.Level))
        {
            state.Level = reached;
        }

        if (GateActions.Contains(answer.Action))
        {
            state.VerificationTurns++;
        }
    }

    public static IReadOnlyList<string> Check(AnswerExpectation expect, CallAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(expect);
        ArgumentNullException.ThrowIfNull(answer);
        var misses = new List<string>();
        if (expect.Status is { } status && answer.Channel == PlatformDriver.Api && answer.Status != status)
        {
            misses.Add($"expected status {status}, got {answer.Status} {answer.Summary}{Detail(answer)}");
        }

        if (expect.Problem is { } problem && answer.Problem != problem)
        {
            misses.Add($"expected problem {problem}, got {answer.Problem ?? "none"} ({answer.Status} {answer.Summary}){Detail(answer)}");
        }

        if (expect.Outcome is { } outcome && answer.Outcome != outcome)
        {
            misses.Add($"expected outcome {outcome}, got {answer.Outcome ?? answer.Problem ?? "none"} ({answer.Status}){Detail(answer)}");
        }

        foreach (var (field, matcher) in expect.Fields)
        {
            var miss = Matchers.Miss(matcher, answer.Fields.TryGetValue(field, out var value) ? value : null);
            if (miss is not null)
            {
                misses.Add($"field {field}: {miss}");
            }
        }

        foreach (var field in expect.Absent.Where(answer.Fields.ContainsKey))
        {
            misses.Add($"field {field} should be absent, was \"{answer.Fields[field]}\"");
        }

        return misses;
    }

    private static string Detail(CallAnswer answer) =>
        answer.Fields.TryGetValue("requiredLevel", out var required) ? $" (requiredLevel {required}, levelReached {answer.Fields.GetValueOrDefault("levelReached")})"
        : answer.Fields.TryGetValue("detail", out var detail) ? $": {detail}" : string.Empty;

    private async Task<List<string>> InboxAsync(CancellationToken cancellationToken)
    {
        if (!settings.Simulators.TryGetValue("twilio", out var twilio))
        {
            throw new InvalidOperationException("A passcode step reads the code from the Twilio simulator's inbox: pass --sim twilio=<url>.");
        }

        using var sim = new HttpClient { BaseAddress = twilio };
        var messages = await sim.GetFromJsonAsync<JsonElement>("_sim/messages", cancellationToken);
        return [.. messages.EnumerateArray().Select(m => m.TryGetProperty("body", out var b) ? b.GetString() ?? string.Empty : string.Empty)];
    }

    /// <summary>The code in the first message after the <paramref name="seen"/> the inbox held before the send.</summary>
    private async Task<string> ReadCodeAsync(int seen, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + settings.Patience;
        while (true)
        {
            var inbox = await InboxAsync(cancellationToken);
            if (inbox.Count > seen && SixDigits().Match(inbox[seen]) is { Success: true } match)
            {
                return match.Value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("No passcode reached the Twilio simulator's inbox.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private async Task ApplyFaultsAsync(RunState state, CancellationToken cancellationToken)
    {
        foreach (var fault in state.Scenario.Faults.Where(f => f.FromStep == state.Records.Count && !state.FaultsApplied.Contains(f)))
        {
            state.FaultsApplied.Add(fault);
            if (fault.Simulator is { } name)
            {
                using var sim = new HttpClient { BaseAddress = settings.Simulators.TryGetValue(name, out var url) ? url : throw new InvalidOperationException($"The scenario injects {name} faults: pass --sim {name}=<url>.") };
                using var response = await sim.PutAsJsonAsync("_sim/faults", fault.Profile ?? new JsonObject(), cancellationToken);
                response.EnsureSuccessStatusCode();
            }
            else
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"api/calls/{state.CallId}/dry-run/faults") { Content = JsonContent.Create(new { kind = fault.Writes, times = fault.Times }) };
                AddKey(request);
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"The host refused the dry-run write fault: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
        }
    }

    private async Task ClearFaultsAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        foreach (var name in scenario.Faults.Select(f => f.Simulator).OfType<string>().Distinct())
        {
            if (settings.Simulators.TryGetValue(name, out var url))
            {
                using var sim = new HttpClient { BaseAddress = url };
                using var _ = await sim.PutAsJsonAsync("_sim/faults", new JsonObject(), cancellationToken);
            }
        }
    }

    private async Task<string> WaitForWrapUpAsync(string callId, IReadOnlyCollection<string> states, CancellationToken cancellationToken)
    {
        var status = await PollAsync($"api/calls/{callId}/wrapup", s => s.TryGetProperty("state", out var st) && states.Contains(st.GetString()!), "the wrap-up to finish", cancellationToken);
        return status.GetProperty("state").GetString()!;
    }

    private async Task<(JsonElement? View, string? Page)> HandoffAsync(RunState state, CancellationToken cancellationToken)
    {
        var transfer = state.Records.SelectMany(r => r.Answers).LastOrDefault(a => a.Action == "transfer" && a.Status == 200);
        var token = transfer?.Fields.GetValueOrDefault("token") ?? TokenOf(transfer?.Fields.GetValueOrDefault("baton_url") ?? transfer?.Fields.GetValueOrDefault("agentPageUrl"));
        if (token is null)
        {
            return (null, null);
        }

        var view = await GetJsonAsync($"api/batons/{Uri.EscapeDataString(token)}", cancellationToken);
        using var page = new HttpRequestMessage(HttpMethod.Get, $"api/batons/{Uri.EscapeDataString(token)}/view");
        AddKey(page);
        using var response = await http.SendAsync(page, cancellationToken);
        return (view, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The baton token in an agent link (<c>…/api/batons/{token}/view</c>).</summary>
    private static string? TokenOf(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Segments.Length >= 2 ? uri.Segments[^2].TrimEnd('/') : null;

    private async Task<JsonElement> PollAsync(string path, Func<JsonElement, bool> done, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + settings.Patience;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var current = await GetJsonAsync(path, cancellationToken);
            if (current is { } value && done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {settings.Patience.TotalSeconds:0} s (last: {current?.GetRawText() ?? "no answer"}).");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    private async Task<JsonElement?> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        AddKey(request);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void AddKey(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(settings.Key))
        {
            request.Headers.Add("x-functions-key", settings.Key);
        }
    }

    private static string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();

    private sealed class RunState(Scenario scenario, PlatformDriver driver, string callId)
    {
        public Scenario Scenario { get; } = scenario;

        public PlatformDriver Driver { get; } = driver;

        public string CallId { get; } = callId;

        public List<StepRecord> Records { get; } = [];

        public HashSet<FaultPlan> FaultsApplied { get; } = [];

        public string Level { get; set; } = "none";

        public int VerificationTurns { get; set; }

        public bool Ended { get; set; }

        public string? WrapUpState { get; set; }

        public string? RetryMismatch { get; set; }
    }
}
