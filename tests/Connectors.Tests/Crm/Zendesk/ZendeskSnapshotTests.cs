using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>The account snapshot is the end user: fields for the gates, channels on file, open tickets, recent contacts.</summary>
public sealed class ZendeskSnapshotTests
{
    [Fact]
    public async Task The_snapshot_reads_the_users_fields_channels_open_tickets_and_recent_contacts()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var snapshot = await zendesk.Connector.GetAccountSnapshotAsync(MariaGarciaId.ToString(), ZendeskHarness.Live("call-snap"), CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal("Maria Garcia", snapshot.DisplayName);
        Assert.Equal(1250.75m, snapshot.Balance);
        Assert.Equal("USD", snapshot.Currency);
        Assert.Equal("4242", snapshot.CardLastFour);
        Assert.Equal("94107", snapshot.BillingZip);
        Assert.Equal("1984-03-12", snapshot.DateOfBirth);
        Assert.Equal("+14155550101", snapshot.MobileE164);
        Assert.Equal("maria.garcia@example.com", snapshot.Email);
        Assert.Equal("ACC-100201", snapshot.AccountNumber);
        // Open means new/open/pending/hold; the solved ticket is history, not an open case.
        Assert.Equal(new[] { MariaOpenTicketId.ToString(), MariaPendingTicketId.ToString() }, snapshot.OpenCases.Select(c => c.Id).Order());
        Assert.Equal(new[] { MariaPendingTicketId.ToString(), MariaOpenTicketId.ToString(), MariaSolvedTicketId.ToString() }, snapshot.RecentContacts.Select(c => c.Id));
        Assert.Equal(new[] { "voice", "web", "email" }, snapshot.RecentContacts.Select(c => c.Channel));
    }

    [Fact]
    public async Task Messy_fields_are_read_safely_a_whole_card_number_yields_only_its_last_four()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var jose = await zendesk.Connector.GetAccountSnapshotAsync(JoseGarciaId.ToString(), ZendeskHarness.Live("call-messy"), CancellationToken.None);
        var oliver = await zendesk.Connector.GetAccountSnapshotAsync(OliverHughesId.ToString(), ZendeskHarness.Live("call-messy"), CancellationToken.None);

        Assert.Equal("1111", jose!.CardLastFour);
        Assert.Equal("1979-11-02", jose.DateOfBirth);
        Assert.Equal("+14155550101", jose.MobileE164);
        Assert.Equal(310.00m, oliver!.Balance);
        Assert.Equal("GBP", oliver.Currency);
        Assert.Equal("SW1A 1AA", oliver.BillingZip);
        Assert.Null(oliver.DateOfBirth);
        // Stored nationally ("020 ..."); read with the configured default country it is not a +1 number.
        Assert.Null(oliver.MobileE164);
    }

    [Fact]
    public async Task A_national_number_is_read_with_the_configured_default_country()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zendesk:DefaultCountryCode"] = "44" });

        var oliver = await zendesk.Connector.GetAccountSnapshotAsync(OliverHughesId.ToString(), ZendeskHarness.Live("call-uk"), CancellationToken.None);

        Assert.Equal(OliverHughesPhoneE164, oliver!.MobileE164);
    }

    [Fact]
    public async Task A_customer_with_no_mobile_on_file_has_a_snapshot_without_one()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var dana = await zendesk.Connector.GetAccountSnapshotAsync(DanaWhitfieldId.ToString(), ZendeskHarness.Live("call-dana"), CancellationToken.None);

        Assert.Null(dana!.MobileE164);
        Assert.Equal("dana.whitfield@example.com", dana.Email);
        Assert.Equal(DanaOnHoldTicketId.ToString(), Assert.Single(dana.OpenCases).Id);
    }

    [Fact]
    public async Task No_snapshot_for_an_unknown_id_a_malformed_id_or_an_agent()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var call = ZendeskHarness.Live("call-none");

        Assert.Null(await zendesk.Connector.GetAccountSnapshotAsync("999999999", call, CancellationToken.None));
        Assert.Null(await zendesk.Connector.GetAccountSnapshotAsync("ACC-100201", call, CancellationToken.None));
        Assert.Null(await zendesk.Connector.GetAccountSnapshotAsync(AvaAgentId.ToString(), call, CancellationToken.None));
        // The malformed id never reached Zendesk.
        Assert.DoesNotContain(zendesk.Simulator.Requests.Entries, r => r.PathAndQuery.Contains("ACC-", StringComparison.Ordinal));
    }
}
