using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Salesforce;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Fakes;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>Caller lookups and account snapshots, over HTTP against the simulator's messy seed org.</summary>
public sealed class SalesforceLookupTests : IAsyncLifetime
{
    private SalesforceSimulator _simulator = null!;
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SalesforceSimulator.StartAsync();
        _host = SalesforceTestHost.Start(_simulator);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private ICrmConnector Crm => _host.Connector;

    [Fact]
    public async Task A_household_line_shared_by_two_accounts_returns_both_and_picks_neither()
    {
        var candidates = await Crm.FindByPhoneAsync(PhoneNumber.Parse(SalesforceSeedData.SharedHouseholdPhone, "1"), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(["Bob Martinez", "Carla Martinez"], candidates.Select(c => c.DisplayName).Order());
        Assert.Equal(2, candidates.Select(c => c.AccountId).Distinct().Count());
        Assert.All(candidates, c =>
        {
            Assert.Equal(SalesforceCandidateFinder.PhoneMatch, c.MatchedOn);
            Assert.NotNull(c.ContactId);
        });
    }

    [Fact]
    public async Task A_ported_number_returns_the_new_owner_and_the_old_contact_that_still_lists_it()
    {
        var candidates = await Crm.FindByPhoneAsync(PhoneNumber.Parse(SalesforceSeedData.PortedMobile, "1"), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(["Dana Whitfield", "Evan Okafor"], candidates.Select(c => c.DisplayName).Order());
        var accounts = _simulator.Org.Records("Account").ToDictionary(a => a.Id, a => a.Text("Name"));
        Assert.All(candidates, c => Assert.Equal(c.DisplayName, accounts[c.AccountId]));
    }

    [Fact]
    public async Task Phone_search_sends_the_national_digits_in_an_sosl_phone_search()
    {
        var candidates = await Crm.FindByPhoneAsync(PhoneNumber.Parse(SalesforceSeedData.AlicePhone, "1"), SalesforceTestHost.Live(), CancellationToken.None);

        var single = Assert.Single(candidates);
        Assert.Equal("Alice Johnson", single.DisplayName);
        var search = Assert.Single(_simulator.Requests, r => r.Path.Contains("/search", StringComparison.Ordinal));
        var sosl = Uri.UnescapeDataString(search.Path);
        Assert.Contains("FIND {4155550101} IN PHONE FIELDS", sosl, StringComparison.Ordinal);
        Assert.DoesNotContain("+1", sosl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_matching_only_on_its_own_phone_is_a_candidate_without_a_contact()
    {
        var accountId = _simulator.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "Office Line Ltd", ["Phone"] = "+1 (503) 555-0188" });

        var candidates = await Crm.FindByPhoneAsync(PhoneNumber.Parse("+15035550188", "1"), SalesforceTestHost.Live(), CancellationToken.None);

        var single = Assert.Single(candidates);
        Assert.Equal(accountId, single.AccountId);
        Assert.Null(single.ContactId);
    }

    [Fact]
    public async Task A_new_contact_is_not_found_by_phone_until_the_search_index_catches_up()
    {
        _simulator.Settings.SearchIndexLag = TimeSpan.FromSeconds(30);
        var account = _simulator.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "Hana Sato" });
        _simulator.Org.Insert("Contact", new Dictionary<string, object?> { ["AccountId"] = account, ["FirstName"] = "Hana", ["LastName"] = "Sato", ["MobilePhone"] = "(971) 555-0133" }, indexed: false);
        var phone = PhoneNumber.Parse("+19715550133", "1");

        Assert.Empty(await Crm.FindByPhoneAsync(phone, SalesforceTestHost.Live(), CancellationToken.None));
        _simulator.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(account, Assert.Single(await Crm.FindByPhoneAsync(phone, SalesforceTestHost.Live(), CancellationToken.None)).AccountId);
    }

    [Fact]
    public async Task The_account_number_an_ivr_collected_finds_the_right_twin()
    {
        var candidates = await Crm.FindByAccountNumberAsync(SalesforceSeedData.OlderTwinAccountNumber, SalesforceTestHost.Live(), CancellationToken.None);

        var single = Assert.Single(candidates);
        Assert.Equal(SalesforceSeedData.TwinsName, single.DisplayName);
        Assert.Equal(SalesforceCandidateFinder.AccountNumberMatch, single.MatchedOn);
        var snapshot = await Crm.GetAccountSnapshotAsync(single.AccountId, SalesforceTestHost.Live(), CancellationToken.None);
        Assert.Equal("1962-09-30", snapshot!.DateOfBirth);
    }

    [Fact]
    public async Task Twins_by_name_are_two_candidates_when_both_share_a_number()
    {
        foreach (var twin in _simulator.Org.Records("Account").Where(a => a.Text("Name") == SalesforceSeedData.TwinsName))
        {
            _simulator.Org.Insert("Contact", new Dictionary<string, object?> { ["AccountId"] = twin.Id, ["LastName"] = "Garcia", ["FirstName"] = "Maria", ["HomePhone"] = "305-555-0199" });
        }

        var candidates = await Crm.FindByPhoneAsync(PhoneNumber.Parse("+13055550199", "1"), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(2, candidates.Count);
        Assert.Equal(2, candidates.Select(c => c.AccountId).Distinct().Count());
    }

    [Fact]
    public async Task An_unknown_account_number_finds_nobody()
    {
        Assert.Empty(await Crm.FindByAccountNumberAsync("999999999", SalesforceTestHost.Live(), CancellationToken.None));
    }

    [Fact]
    public async Task An_account_number_cannot_widen_the_query()
    {
        var candidates = await Crm.FindByAccountNumberAsync("x' OR Name != 'y", SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Empty(candidates);
        var query = Assert.Single(_simulator.Requests, r => r.Path.Contains("/query", StringComparison.Ordinal));
        Assert.Equal(200, query.Status);
        Assert.Contains(@"'x\' OR Name != \'y'", Uri.UnescapeDataString(query.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_of_matches_is_followed_through_next_records_url()
    {
        _simulator.Settings.QueryBatchSize = 2;
        var ids = Enumerable.Range(0, 5)
            .Select(i => _simulator.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = $"Duplicate {i}", ["Account_Number__c"] = "777000111" }))
            .ToList();

        var candidates = await Crm.FindByAccountNumberAsync("777000111", SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(ids.Order(), candidates.Select(c => c.AccountId).Order());
        var pages = _simulator.Requests.Where(r => r.Path.Contains("/query", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Equal(2, pages.Count(p => p.Path.Contains("/query/01g", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_lookup_broader_than_the_page_limit_is_refused_rather_than_cut_short()
    {
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?> { ["Salesforce:MaxQueryPages"] = "2" });
        _simulator.Settings.QueryBatchSize = 1;
        for (var i = 0; i < 3; i++)
        {
            _simulator.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = $"Many {i}", ["Account_Number__c"] = "888" });
        }

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() => host.Connector.FindByAccountNumberAsync("888", SalesforceTestHost.Live(), CancellationToken.None));
        Assert.Equal("TOO_MANY_MATCHES", refused.ErrorCode);
    }

    [Fact]
    public async Task A_snapshot_holds_every_field_a_gate_or_read_needs_in_one_api_call()
    {
        var alice = Assert.Single(await Crm.FindByAccountNumberAsync(SalesforceSeedData.AliceAccountNumber, SalesforceTestHost.Live(), CancellationToken.None));
        _simulator.ClearRequests();

        var snapshot = await Crm.GetAccountSnapshotAsync(alice.AccountId, SalesforceTestHost.Live(), CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal("Alice Johnson", snapshot.DisplayName);
        Assert.Equal(1523.45m, snapshot.Balance);
        Assert.Equal("USD", snapshot.Currency);
        Assert.Equal("4242", snapshot.CardLastFour);
        Assert.Equal("94107", snapshot.BillingZip);
        Assert.Equal("+14155550101", snapshot.MobileE164);
        Assert.Equal("alice.johnson@example.com", snapshot.Email);
        Assert.Equal("1984-03-12", snapshot.DateOfBirth);
        Assert.Equal(SalesforceSeedData.AliceAccountNumber, snapshot.AccountNumber);
        Assert.NotNull(snapshot.ContactId);
        Assert.Equal(["Dispute: duplicate charge", "Replacement card not received"], snapshot.OpenCases.Select(c => c.Subject));
        Assert.Equal(["Call: balance enquiry", "Statement copy sent", "Call: card activation"], snapshot.RecentContacts.Select(c => c.Summary));
        Assert.Equal(["phone", "email", "phone"], snapshot.RecentContacts.Select(c => c.Channel));
        Assert.Single(_simulator.Requests);
    }

    [Fact]
    public async Task A_customer_without_a_mobile_has_only_the_email_channel()
    {
        var frank = Assert.Single(await Crm.FindByAccountNumberAsync(SalesforceSeedData.NoMobileAccountNumber, SalesforceTestHost.Live(), CancellationToken.None));

        var snapshot = await Crm.GetAccountSnapshotAsync(frank.AccountId, SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Null(snapshot!.MobileE164);
        Assert.Equal("frank.li@example.com", snapshot.Email);
        Assert.Empty(snapshot.OpenCases);
    }

    [Fact]
    public async Task A_foreign_mobile_on_file_is_read_as_its_own_country_and_currency()
    {
        var greta = Assert.Single(await Crm.FindByAccountNumberAsync(SalesforceSeedData.ForeignAccountNumber, SalesforceTestHost.Live(), CancellationToken.None));

        var snapshot = await Crm.GetAccountSnapshotAsync(greta.AccountId, SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal("+4915155509876", snapshot!.MobileE164);
        Assert.Equal("EUR", snapshot.Currency);
    }

    [Fact]
    public async Task A_card_field_holding_more_than_four_digits_passes_nothing_on()
    {
        var account = _simulator.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "Misconfigured", ["Card_Last_Four__c"] = "4111111111111111" });

        var snapshot = await Crm.GetAccountSnapshotAsync(account, SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Null(snapshot!.CardLastFour);
        Assert.DoesNotContain("4111111111111111", _host.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_or_unknown_account_has_no_snapshot()
    {
        Assert.Null(await Crm.GetAccountSnapshotAsync("001000000000000AAA", SalesforceTestHost.Live(), CancellationToken.None));
    }
}
