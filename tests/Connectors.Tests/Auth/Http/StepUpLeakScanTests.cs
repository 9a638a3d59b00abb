using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Calls;
using Connectors.Core.Hosting;
using Connectors.Core.Storage;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Recording;
using Connectors.Tests.Auth.Support;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Auth.Http;

/// <summary>
/// After a full flow of every method (including a timed-out send and a resend), nothing the app stored,
/// nothing the simulators received outside the SMS/mail text itself, and nothing it logged at any level
/// holds a code, the number on file or a number named in a request, or a configured secret.
/// </summary>
public sealed class StepUpLeakScanTests : IAsyncLifetime
{
    private StepUpHost _host = null!;

    public async Task InitializeAsync() => _host = await StepUpHost.StartAsync(SmsProvider.Twilio);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task No_code_full_number_or_secret_is_stored_sent_outside_the_message_or_logged()
    {
        var account = TestAccount.Create();
        var decoy = TestAccount.OtherMobile();
        await RunFullFlowAsync(account, decoy);

        var codes = _host.Twilio.Messages.Select(m => Codes.In(m.Body))
            .Concat(_host.Graph.Mail.Select(m => Codes.In(m.Content!)))
            .Distinct()
            .ToList();
        Assert.True(codes.Count >= 4, "the flow should have sent four codes");
        var numbers = new[] { account.MobileNationalDigits, decoy[2..] };
        var sample = LocalSettings.Load(Path.Combine(AppContext.BaseDirectory, LocalSettings.SampleFileName));
        var secrets = new[] { "StepUp:HashKey", "Sms:Twilio:AuthToken", "Sms:Acs:AccessKey", "Email:Graph:ClientSecret", "Biometrics:Vendors:localvoice:Secret" }
            .Select(k => sample[k]!)
            .ToList();

        // The scan can see: each code is in the message that carried it.
        var messageTexts = _host.Twilio.Requests.Snapshot().Concat(_host.Graph.Requests.Snapshot()).Select(r => r.MessageText).OfType<string>().ToList();
        Assert.All(codes, code => Assert.Contains(messageTexts, t => LeakScanner.ContainsCode(t, code)));

        // The request journal writes in batches off the request's path: what it holds is stored before the scan.
        await _host.Services.GetRequiredService<Connectors.Core.Replay.CallRequestJournal>().FlushAsync(CancellationToken.None);
        var stored = await StoredTextAsync();
        Assert.Contains(stored, s => s.Source.StartsWith(_host.Services.GetRequiredService<PasscodeOutbox>().Table, StringComparison.Ordinal));
        Assert.Contains(stored, s => s.Source.Contains("StepUpCounters", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.Source.Contains("StepUpPasscodes", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.Source.Contains("StepUpBiometricReplays", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.Source.Contains(Connectors.Core.Replay.CallRequestJournal.TableName, StringComparison.Ordinal));
        var received = ReceivedTextOutsideMessages();
        var logs = _host.Logs.GetSnapshot().Select(e => (Source: "log " + e.Category, Everything: e.Everything())).ToList();
        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Everything.Contains("***" + account.Mobile[^4..], StringComparison.Ordinal));

        var leaks = new List<string>();
        foreach (var (source, text) in stored.Concat(received.Everywhere).Concat(logs))
        {
            leaks.AddRange(codes.Where(c => LeakScanner.ContainsCode(text, c)).Select(c => $"code in {source}"));
            leaks.AddRange(numbers.Where(n => LeakScanner.ContainsNumber(text, n)).Select(_ => $"full number in {source}"));
        }

        foreach (var (source, text) in received.SendBodiesWithoutText)
        {
            leaks.AddRange(codes.Where(c => LeakScanner.ContainsCode(text, c)).Select(c => $"code in {source}"));
        }

        foreach (var (source, text) in stored.Concat(logs))
        {
            leaks.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(_ => $"secret in {source}"));
        }

        // The knowledge answers on file (card last four, billing ZIP, date of birth) are kept only as keyed hashes.
        foreach (var (source, text) in stored.Concat(logs))
        {
            leaks.AddRange(KnowledgeAnswersOnFile.Where(a => LeakScanner.ContainsAnswer(text, a)).Select(a => $"knowledge answer {a} in {source}"));
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Distinct()));
    }

    private static readonly string[] KnowledgeAnswersOnFile = [TestAccount.LastFour, TestAccount.Zip, TestAccount.DateOfBirth, TestAccount.DateOfBirth.Replace("-", string.Empty, StringComparison.Ordinal)];

    private async Task RunFullFlowAsync(TestAccount account, string decoy)
    {
        var call = await _host.SeedCallAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/api/calls/{call}/auth/knowledge", new { lastFour = "1111", billingZip = "94105" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/api/calls/{call}/auth/knowledge", new { lastFour = "4242", billingZip = "94105" })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await _host.PostAsync($"/api/calls/{call}/auth/otp", new { channel = "sms", to = decoy })).StatusCode);
        var smsCode = Codes.In(_host.Twilio.Messages.Last().Body);
        await _host.PostAsync($"/api/calls/{call}/auth/otp/verify", new { code = Codes.Other(smsCode) });
        Assert.Equal(AuthOutcomes.Passed, (await HttpAssert.ResultAsync(await _host.PostAsync($"/api/calls/{call}/auth/otp/verify", new { code = smsCode }))).Outcome);

        var second = await _host.SeedCallAsync(account);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.PostAsync($"/api/calls/{second}/auth/otp", new { channel = "email", culture = "es" })).StatusCode);
        var mailCode = Codes.In(_host.Graph.Mail.Last().Content!);
        Assert.Equal(AuthOutcomes.Passed, (await HttpAssert.ResultAsync(await _host.PostAsync($"/api/calls/{second}/auth/otp/verify", new { code = mailCode }))).Outcome);

        var third = await _host.SeedCallAsync(account);
        _host.Twilio.Faults.Profile = new FaultProfile { LateAnswerDelay = TimeSpan.FromSeconds(20) };
        _host.Twilio.Script.Enqueue(FaultKind.LateAnswer);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.PostAsync($"/api/calls/{third}/auth/otp", new { channel = "sms", phoneNumber = decoy })).StatusCode);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Accepted, (await _host.PostAsync($"/api/calls/{third}/auth/otp", new { channel = "sms" })).StatusCode);
        var resent = Codes.In(_host.Twilio.Messages.Last().Body);
        Assert.Equal(AuthOutcomes.Passed, (await HttpAssert.ResultAsync(await _host.PostAsync($"/api/calls/{third}/auth/otp/verify", new { code = resent }))).Outcome);

        var body = JsonSerializer.SerializeToUtf8Bytes(new BiometricAssertion(Guid.NewGuid().ToString(), call, account.AccountId, "match", 0.95), ConnectorsJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{call}/auth/biometric") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(BiometricSignature.VendorHeaderName, "localvoice");
        request.Headers.Add(BiometricSignature.HeaderName, BiometricSignature.Sign("local-fake-biometric-vendor-secret-not-a-secret", _host.Clock.GetUtcNow().ToUnixTimeSeconds(), body));
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.SendAsync(request)).StatusCode);
    }

    /// <summary>
    /// Every entity of every table the host made in Azurite (all tables under its prefix, read whole, so a
    /// write to a table or partition nobody expected is scanned too), as text. In a call session, the caller's ANI and the
    /// mobile number and email on file in the cached snapshot (kept because a passcode send needs them) were written by the
    /// lookup, not by the gate; they are left out, and everything else of the session is scanned.
    /// </summary>
    private async Task<List<(string Source, string Text)>> StoredTextAsync()
    {
        var texts = new List<(string, string)>();
        var scanner = new AzuriteTableScanner(AzuriteStorage.ConnectionString);
        foreach (var (table, entity) in await scanner.EverythingAsync(_host.TablePrefix, CancellationToken.None))
        {
            var values = entity.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var text = string.Join("|", values);
            if (table.EndsWith(CallSessionStore.TableName, StringComparison.Ordinal))
            {
                var document = JsonNode.Parse(string.Concat(entity.Where(p => p.Key.StartsWith("Doc", StringComparison.Ordinal) && p.Key != "DocChunks")
                    .OrderBy(p => int.Parse(p.Key[3..], System.Globalization.CultureInfo.InvariantCulture)).Select(p => (string)p.Value!)))!.AsObject();
                document.Remove("callerE164");
                if (document["account"]?["snapshot"] is JsonObject snapshot)
                {
                    snapshot.Remove("mobileE164");
                    snapshot.Remove("email");
                }
                text = document.ToJsonString();
            }

            texts.Add(($"{table}/{entity.PartitionKey}/{entity.RowKey}", entity.PartitionKey + "|" + entity.RowKey + "|" + text));
        }

        return texts;
    }

    private (List<(string Source, string Text)> Everywhere, List<(string Source, string Text)> SendBodiesWithoutText) ReceivedTextOutsideMessages()
    {
        var everywhere = new List<(string, string)>();
        var sendBodies = new List<(string, string)>();
        foreach (var (name, requests) in new (string, IReadOnlyList<RecordedRequest>)[]
                 {
                     ("twilio", _host.Twilio.Requests.Snapshot()), ("graph", _host.Graph.Requests.Snapshot()), ("acs", _host.Acs.Requests.Snapshot()),
                 })
        {
            foreach (var request in requests)
            {
                var source = $"{name} {request.Method} {request.Target}";
                everywhere.Add((source + " (line and headers)", request.Target + "\n" + string.Join("\n", request.Headers.Select(h => h.Key + ": " + h.Value))));
                if (request.MessageText is null)
                {
                    everywhere.Add((source + " (body)", request.Body));
                }
                else
                {
                    // A send's body must name its destination; only the code must not appear outside the text.
                    sendBodies.Add((source + " (body without the message text)", request.BodyWithoutMessage));
                }
            }
        }

        Assert.Contains(everywhere, e => e.Item1.StartsWith("twilio", StringComparison.Ordinal));
        Assert.Contains(everywhere, e => e.Item1.StartsWith("graph", StringComparison.Ordinal));
        return (everywhere, sendBodies);
    }
}
