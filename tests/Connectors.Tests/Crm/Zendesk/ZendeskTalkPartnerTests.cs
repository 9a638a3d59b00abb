using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;
using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>Talk Partner Edition: screen pops and voice tickets.</summary>
public sealed class ZendeskTalkPartnerTests
{
    [Fact]
    public async Task A_user_or_ticket_pops_on_a_real_agents_screen()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var call = ZendeskHarness.Live("CA-pop");

        var user = await zendesk.Connector.PopRecordAsync(new ScreenPopRequest(AvaAgentId.ToString(), "user", MariaGarciaId.ToString()), call, CancellationToken.None);
        var ticket = await zendesk.Connector.PopRecordAsync(new ScreenPopRequest(BenAgentId.ToString(), "Ticket", MariaOpenTicketId.ToString()), call, CancellationToken.None);

        Assert.True(user.Delivered);
        Assert.True(ticket.Delivered);
        Assert.Equal(new Uri(zendesk.Simulator.BaseAddress, $"agent/tickets/{MariaOpenTicketId}").AbsoluteUri, ticket.Url);
        Assert.Equal(
            [(AvaAgentId, "user", MariaGarciaId), (BenAgentId, "ticket", MariaOpenTicketId)],
            zendesk.Simulator.Account.Displays.Select(d => (d.AgentId, d.RecordType, d.RecordId)));
        Assert.Equal(
            [$"/api/v2/channels/voice/agents/{AvaAgentId}/users/{MariaGarciaId}/display.json", $"/api/v2/channels/voice/agents/{BenAgentId}/tickets/{MariaOpenTicketId}/display.json"],
            zendesk.Simulator.Requests.Entries.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task A_pop_to_an_unknown_agent_or_record_is_not_delivered_and_not_an_error()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var call = ZendeskHarness.Live("CA-pop-404");

        var unknownAgent = await zendesk.Connector.PopRecordAsync(new ScreenPopRequest("424242", "user", MariaGarciaId.ToString()), call, CancellationToken.None);
        var endUserAsAgent = await zendesk.Connector.PopRecordAsync(new ScreenPopRequest(JoseGarciaId.ToString(), "ticket", MariaOpenTicketId.ToString()), call, CancellationToken.None);
        var unknownTicket = await zendesk.Connector.PopRecordAsync(new ScreenPopRequest(AvaAgentId.ToString(), "ticket", "99999999"), call, CancellationToken.None);
        var unsupported = await zendesk.Connector.PopRecordAsync(new ScreenPopRequest(AvaAgentId.ToString(), "organization", "1"), call, CancellationToken.None);

        Assert.All([unknownAgent, endUserAsAgent, unknownTicket], r => Assert.Equal((false, "agent-or-record-not-found"), (r.Delivered, r.Reason)));
        Assert.Equal((false, "unsupported-record-type"), (unsupported.Delivered, unsupported.Reason));
        Assert.Equal([404, 404, 404], zendesk.Simulator.Requests.Entries.Select(r => r.Status));
        Assert.Empty(zendesk.Simulator.Account.Displays);
    }

    [Fact]
    public async Task A_voice_ticket_is_created_once_with_its_voice_comment_and_shown_to_the_agent()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var request = VoiceTicket("CA-voice") with { DisplayToAgentId = AvaAgentId.ToString() };

        var created = await zendesk.Connector.CreateVoiceTicketAsync(request, ZendeskHarness.Live("CA-voice"), CancellationToken.None);
        var repeated = await zendesk.Connector.CreateVoiceTicketAsync(request, ZendeskHarness.Live("CA-voice"), CancellationToken.None);

        Assert.False(created.AlreadyPresent);
        Assert.Equal((true, created.TicketId), (repeated.AlreadyPresent, repeated.TicketId));
        var ticket = zendesk.Simulator.Account.Ticket(long.Parse(created.TicketId))!;
        Assert.Equal(("voice", 45, MariaGarciaId), (ticket.ViaChannel, ticket.ViaId, ticket.RequesterId));
        var voice = Assert.Single(ticket.Comments);
        Assert.Equal("VoiceComment", voice.Type);
        Assert.Equal(SharedPhoneE164, (string?)voice.Data!["from"]);
        Assert.Equal(95, (int)voice.Data["call_duration"]!);
        var display = Assert.Single(zendesk.Simulator.Account.Displays);
        Assert.Equal((AvaAgentId, "ticket", ticket.Id), (display.AgentId, display.RecordType, display.RecordId));
        Assert.Single(zendesk.Simulator.Requests.Entries, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_voice_ticket_for_an_invalid_agent_is_refused_with_422_and_nothing_is_created()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var before = zendesk.Simulator.Account.TicketCount;

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() => zendesk.Connector.CreateVoiceTicketAsync(
            VoiceTicket("CA-voice-bad") with { DisplayToAgentId = MariaGarciaId.ToString() }, ZendeskHarness.Live("CA-voice-bad"), CancellationToken.None));

        Assert.Equal((422, "RecordInvalid"), (refused.Status, refused.ErrorCode));
        Assert.Equal(before, zendesk.Simulator.Account.TicketCount);
        // Not transient: one attempt only.
        Assert.Single(zendesk.Simulator.Requests.Entries, r => r.Method == "POST");
    }

    private static ZendeskVoiceTicketRequest VoiceTicket(string callKey) => new()
    {
        CallKey = callKey,
        Direction = ZendeskCallDirection.Inbound,
        From = SharedPhoneE164,
        To = "+18005550100",
        StartedAt = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
        DurationSeconds = 95,
        RequesterId = MariaGarciaId.ToString(),
        AnsweredByAgentId = AvaAgentId.ToString(),
        TranscriptionText = "Caller asked about a declined card.",
    };
}
