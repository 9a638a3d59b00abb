using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Fakes;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>Everything the connector logs through a full flow with refreshes and failures holds no credential, token or full number.</summary>
public sealed class SalesforceLogHygieneTests : IAsyncLifetime
{
    private SalesforceSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SalesforceSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task No_secret_token_or_full_phone_number_reaches_the_logs()
    {
        var secret = _simulator.Settings.ClientSecret;
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?> { ["Salesforce:Resilience:AttemptTimeout"] = "00:00:00.500" });
        await using var wrongSecret = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?> { ["Salesforce:ClientSecret"] = secret + "-wrong" });
        var crm = host.Connector;
        var alice = PhoneNumber.Parse(SalesforceSeedData.AlicePhone, "1");

        var candidate = (await crm.FindByPhoneAsync(alice, SalesforceTestHost.Live(), CancellationToken.None))[0];
        var snapshot = await crm.GetAccountSnapshotAsync(candidate.AccountId, SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.Faults.Profile = FaultProfile.None with { LateAnswerDelay = TimeSpan.FromSeconds(1) };
        _simulator.ScriptWriteFaults(FaultKind.Drop, FaultKind.ServerError, FaultKind.LateAnswer);
        var written = await crm.UpsertDispositionAsync(new DispositionRecord
        {
            CallKey = "CA-LOGS",
            OutcomeCode = "resolved",
            Summary = "Card 4111 1111 1111 1111 was mentioned and redacted upstream.",
            AccountId = snapshot!.AccountId,
            ContactId = snapshot.ContactId,
            CallerE164 = alice.E164,
            CallStartedAt = DateTimeOffset.UtcNow,
        }, SalesforceTestHost.Live(), CancellationToken.None);
        await crm.AddNoteAsync(new CrmNote("CA-LOGS", written.RecordId, "transcript", "Transcript", "Caller gave +1 415 555 0101"), SalesforceTestHost.Live(), CancellationToken.None);
        await crm.FindByPhoneAsync(alice, SalesforceTestHost.Dry(), CancellationToken.None);
        await crm.UpsertDispositionAsync(new DispositionRecord { CallKey = "CA-LOGS-DRY", OutcomeCode = "x", Summary = "y", CallStartedAt = DateTimeOffset.UtcNow }, SalesforceTestHost.Dry(), CancellationToken.None);
        _simulator.Clock.Advance(_simulator.Settings.TokenTtl + TimeSpan.FromMinutes(1));
        await crm.FindByAccountNumberAsync(SalesforceSeedData.AliceAccountNumber, SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.Settings.IntegrationUserFrozen = true;
        await Assert.ThrowsAsync<CrmRejectedException>(() => crm.FindByPhoneAsync(alice, SalesforceTestHost.Live(), CancellationToken.None));
        _simulator.Settings.IntegrationUserFrozen = false;
        _simulator.ApiUsed = _simulator.Settings.DailyApiLimit;
        await Assert.ThrowsAsync<CrmUnavailableException>(() => crm.FindByPhoneAsync(alice, SalesforceTestHost.Live(), CancellationToken.None));
        await Assert.ThrowsAsync<CrmRejectedException>(() => wrongSecret.Connector.FindByPhoneAsync(alice, SalesforceTestHost.Live(), CancellationToken.None));

        var logs = host.Logs.AllText() + "\n" + wrongSecret.Logs.AllText();
        Assert.Contains("Obtained a Salesforce access token", logs, StringComparison.Ordinal);
        Assert.Contains("refused a freshly issued token", logs, StringComparison.Ordinal);
        Assert.Contains("Dry run: recorded", logs, StringComparison.Ordinal);
        Assert.True(_simulator.Tokens.Issued.Count >= 3);
        Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        Assert.All(_simulator.Tokens.Issued, token =>
        {
            Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(token[16..40], logs, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("Bearer", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4155550101", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SalesforceSeedData.AliceAccountNumber, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", logs, StringComparison.Ordinal);
    }
}
