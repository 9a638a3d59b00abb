using System.Net;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Storage;
using Connectors.Tests.Auth.Support;
using Connectors.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace Connectors.Tests.Auth.Http;

/// <summary>
/// Many attempts at once on one call are contention, not an outage: every answer is a result, a lockout or a
/// retryable 409, never a 5xx or an error log, and the limits count exactly the attempts that were answered.
/// </summary>
public sealed class StepUpContentionTests : IAsyncLifetime
{
    private const int Concurrent = 30;
    private StepUpHost _host = null!;

    public async Task InitializeAsync() => _host = await StepUpHost.StartAsync(SmsProvider.Twilio);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Thirty_concurrent_knowledge_checks_on_one_call_get_no_5xx_and_the_per_call_limit_counts_exactly()
    {
        var callId = await _host.SeedCallAsync(TestAccount.Create());

        var answers = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i =>
            AnswerAsync($"/api/calls/{callId}/auth/knowledge", new { lastFour = $"{1000 + i}", billingZip = "94105" })));

        AssertNoOutage(answers);
        var results = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Outcome).ToList();
        Assert.Equal(3, results.Count(o => o == AuthOutcomes.Failed));
        var session = await _host.SessionAsync(callId);
        var recorded = session.Auth.Attempts.Select(a => a.Outcome).ToList();
        Assert.Equal(3, recorded.Count(o => o == AuthOutcomes.Failed));
        Assert.Equal(answers.Count(a => a.Status == HttpStatusCode.TooManyRequests), recorded.Count(o => o == AuthOutcomes.LockedOut));
    }

    [Fact]
    public async Task Thirty_concurrent_passcode_verifies_on_one_call_get_no_5xx_and_the_code_takes_exactly_its_tries()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.PostAsync($"/api/calls/{callId}/auth/otp", new { channel = "sms" })).StatusCode);
        var code = Codes.In(_host.Twilio.Messages.Last(m => m.To == account.Mobile).Body);

        var answers = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ =>
            AnswerAsync($"/api/calls/{callId}/auth/otp/verify", new { code = Codes.Other(code) })));

        AssertNoOutage(answers);
        Assert.Equal(5, answers.Count(a => a.Outcome == AuthOutcomes.Failed));
        var session = await _host.SessionAsync(callId);
        Assert.Equal(5, session.Auth.Attempts.Count(a => a.Outcome == AuthOutcomes.Failed));
        Assert.Equal(answers.Count(a => a.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests), session.Auth.Attempts.Count);
    }

    private void AssertNoOutage(IReadOnlyList<Answer> answers)
    {
        Assert.All(answers, a => Assert.True((int)a.Status < 500, $"a {(int)a.Status} answer: {a.Body}"));
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.Conflict }));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.True(a.RetryAfter, "a 409 for contention says when to retry"));
        Assert.DoesNotContain(_host.Logs.GetSnapshot(), e => e.Level >= LogLevel.Error);
    }

    private async Task<Answer> AnswerAsync(string path, object body)
    {
        using var response = await _host.PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        var outcome = response.StatusCode == HttpStatusCode.OK ? JsonSerializer.Deserialize<StepUpResult>(text, ConnectorsJson.Options)!.Outcome : null;
        return new Answer(response.StatusCode, outcome, text, response.Headers.RetryAfter is not null);
    }

    private sealed record Answer(HttpStatusCode Status, string? Outcome, string Body, bool RetryAfter);
}
