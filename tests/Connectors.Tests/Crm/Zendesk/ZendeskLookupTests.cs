using Connectors.Core.Calls;
using Connectors.Simulators.Zendesk;
using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>Finding the caller: every match is returned, none is picked.</summary>
public sealed class ZendeskLookupTests
{
    [Fact]
    public async Task A_household_phone_stored_in_two_formats_returns_both_people()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var candidates = await zendesk.Connector.FindByPhoneAsync(PhoneNumber.Parse(SharedPhoneE164, "1"), ZendeskHarness.Live("call-shared"), CancellationToken.None);

        Assert.Equal(new[] { MariaGarciaId.ToString(), JoseGarciaId.ToString() }, candidates.Select(c => c.AccountId).Order());
        Assert.All(candidates, c => Assert.Equal("phone", c.MatchedOn));
        var search = Assert.Single(zendesk.Simulator.Requests.Entries);
        // The query is URL-encoded and asks for end users whose phone ends with the national digits, no '+'.
        Assert.Equal("/api/v2/search.json?query=role%3Aend-user%20phone%3A%2A4155550101", search.PathAndQuery);
    }

    [Fact]
    public async Task A_ported_number_returns_the_new_owner_and_the_stale_record_of_the_old_one()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var candidates = await zendesk.Connector.FindByPhoneAsync(PhoneNumber.Parse(PortedPhoneE164, "1"), ZendeskHarness.Live("call-ported"), CancellationToken.None);

        Assert.Equal(new[] { PriyaShahId.ToString(), TomBeckerId.ToString() }, candidates.Select(c => c.AccountId).Order());
        Assert.Equal(new[] { "Priya Shah", "Tom Becker" }, candidates.Select(c => c.DisplayName).Order());
    }

    [Fact]
    public async Task Same_name_twins_are_told_apart_by_their_numbers()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var candidates = await zendesk.Connector.FindByPhoneAsync(PhoneNumber.Parse(AlexMorganSfPhoneE164, "1"), ZendeskHarness.Live("call-twin"), CancellationToken.None);

        var only = Assert.Single(candidates);
        Assert.Equal(AlexMorganSfId.ToString(), only.AccountId);
        Assert.Equal("Alex Morgan", only.DisplayName);
    }

    [Fact]
    public async Task A_number_stored_in_national_format_is_found_from_its_E164_form()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var candidates = await zendesk.Connector.FindByPhoneAsync(PhoneNumber.Parse(OliverHughesPhoneE164, "1"), ZendeskHarness.Live("call-uk"), CancellationToken.None);

        Assert.Equal(OliverHughesId.ToString(), Assert.Single(candidates).AccountId);
    }

    [Fact]
    public async Task An_unknown_number_finds_no_one_and_agents_are_never_candidates()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        zendesk.Simulator.Account.AddUser(new ZendeskSimUser { Name = "Agent With A Phone", Role = "agent", Phone = "+1 415 555 0199", Email = "phone.agent@connectors-sim.test" });
        zendesk.Simulator.AdvanceClock(TimeSpan.FromMinutes(5));

        var candidates = await zendesk.Connector.FindByPhoneAsync(PhoneNumber.Parse("+14155550199", "1"), ZendeskHarness.Live("call-unknown"), CancellationToken.None);

        Assert.Empty(candidates);
    }

    [Fact]
    public async Task A_new_customer_is_not_findable_by_phone_until_the_search_index_catches_up()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(new ZendeskSimulatorSettings { SearchIndexLag = TimeSpan.FromSeconds(45) });
        var id = zendesk.Simulator.Account.AddUser(new ZendeskSimUser { Name = "Nina Novak", Phone = "+1 628 555 0123", ExternalId = "ACC-200001" });
        var phone = PhoneNumber.Parse("+16285550123", "1");

        var before = await zendesk.Connector.FindByPhoneAsync(phone, ZendeskHarness.Live("call-lag"), CancellationToken.None);
        // The account number is an exact lookup, not search: it sees the new customer at once.
        var byAccount = await zendesk.Connector.FindByAccountNumberAsync("ACC-200001", ZendeskHarness.Live("call-lag"), CancellationToken.None);
        zendesk.Simulator.AdvanceClock(TimeSpan.FromSeconds(46));
        var after = await zendesk.Connector.FindByPhoneAsync(phone, ZendeskHarness.Live("call-lag"), CancellationToken.None);

        Assert.Empty(before);
        Assert.Equal(id.ToString(), Assert.Single(byAccount).AccountId);
        Assert.Equal(id.ToString(), Assert.Single(after).AccountId);
    }

    [Fact]
    public async Task An_account_number_keyed_into_the_IVR_finds_the_user_by_external_id()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var candidates = await zendesk.Connector.FindByAccountNumberAsync(" ACC-100206 ", ZendeskHarness.Live("call-ivr"), CancellationToken.None);

        var twin = Assert.Single(candidates);
        Assert.Equal(AlexMorganNyId.ToString(), twin.AccountId);
        Assert.Equal("account-number", twin.MatchedOn);
        Assert.Equal("/api/v2/users/search.json?external_id=ACC-100206", Assert.Single(zendesk.Simulator.Requests.Entries).PathAndQuery);
    }

    [Fact]
    public async Task A_customer_with_no_phone_on_file_is_found_by_account_number_only()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var byAccount = await zendesk.Connector.FindByAccountNumberAsync("ACC-100207", ZendeskHarness.Live("call-nophone"), CancellationToken.None);
        var unknown = await zendesk.Connector.FindByAccountNumberAsync("ACC-999999", ZendeskHarness.Live("call-nophone"), CancellationToken.None);

        Assert.Equal(DanaWhitfieldId.ToString(), Assert.Single(byAccount).AccountId);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task An_account_number_with_search_syntax_is_sent_as_a_value_not_a_query()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var candidates = await zendesk.Connector.FindByAccountNumberAsync("ACC-1* role:agent&x=1", ZendeskHarness.Live("call-inject"), CancellationToken.None);

        Assert.Empty(candidates);
        Assert.Equal("/api/v2/users/search.json?external_id=ACC-1%2A%20role%3Aagent%26x%3D1", Assert.Single(zendesk.Simulator.Requests.Entries).PathAndQuery);
    }
}
