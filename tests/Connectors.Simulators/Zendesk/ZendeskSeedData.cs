namespace Connectors.Simulators.Zendesk;

/// <summary>
/// The simulated account's starting data, messy the way real accounts are: a household sharing one
/// phone (stored in two formats), a number ported from an old customer to a new one (both records
/// still hold it), same-name twins, a customer with no phone on file, a UK number stored in national
/// format, a balance stored as text, and a "last four" field that wrongly holds a whole test card number.
/// </summary>
public static class ZendeskSeedData
{
    public const string IntegrationAgentEmail = "integration@connectors-sim.test";

    public const long IntegrationAgentId = 1001;
    public const long AvaAgentId = 1002;
    public const long BenAgentId = 1003;

    public const long MariaGarciaId = 380_000_001;
    public const long JoseGarciaId = 380_000_002;
    public const long PriyaShahId = 380_000_003;
    public const long TomBeckerId = 380_000_004;
    public const long AlexMorganSfId = 380_000_005;
    public const long AlexMorganNyId = 380_000_006;
    public const long DanaWhitfieldId = 380_000_007;
    public const long OliverHughesId = 380_000_008;

    /// <summary>Maria and José Garcia's household phone.</summary>
    public const string SharedPhoneE164 = "+14155550101";

    /// <summary>Priya Shah's number now; Tom Becker's before it was ported.</summary>
    public const string PortedPhoneE164 = "+14155550142";

    public const string AlexMorganSfPhoneE164 = "+14155550177";

    public const string OliverHughesPhoneE164 = "+442079460958";

    public const long MariaOpenTicketId = 48_001;
    public const long MariaSolvedTicketId = 48_002;
    public const long MariaPendingTicketId = 48_003;
    public const long PriyaNewTicketId = 48_004;
    public const long TomClosedTicketId = 48_005;
    public const long DanaOnHoldTicketId = 48_006;

    /// <summary>Ids of tickets the simulator creates start here.</summary>
    public const long FirstNewTicketId = 50_001;

    public static IEnumerable<ZendeskSimUser> Users(DateTimeOffset now)
    {
        var longAgo = now.AddYears(-3);
        yield return Agent(IntegrationAgentId, "Connectors Integration", IntegrationAgentEmail, "admin", longAgo);
        yield return Agent(AvaAgentId, "Ava Okafor", "ava.okafor@connectors-sim.test", "agent", longAgo);
        yield return Agent(BenAgentId, "Ben Lindqvist", "ben.lindqvist@connectors-sim.test", "agent", longAgo);

        yield return Customer(MariaGarciaId, "Maria Garcia", "maria.garcia@example.com", "+1 (415) 555-0101", "ACC-100201", longAgo, shared: true,
            ("balance", 1250.75m), ("currency", "USD"), ("card_last_four", "4242"), ("billing_zip", "94107"), ("date_of_birth", "1984-03-12"));
        yield return Customer(JoseGarciaId, "José Garcia", "jose.garcia@example.com", "415-555-0101", "ACC-100202", longAgo, shared: true,
            ("balance", 80.10m), ("currency", "USD"), ("card_last_four", "4111 1111 1111 1111"), ("billing_zip", "94107"), ("date_of_birth", "1979-11-02T00:00:00+00:00"));
        yield return Customer(PriyaShahId, "Priya Shah", "priya.shah@example.com", "+14155550142", "ACC-100203", now.AddMonths(-5), shared: false,
            ("balance", 0m), ("currency", "USD"), ("card_last_four", "5100"), ("billing_zip", "94110"), ("date_of_birth", "1991-07-30"));
        yield return Customer(TomBeckerId, "Tom Becker", "tom.becker@example.com", "(415) 555 0142", "ACC-100204", longAgo, shared: false,
            ("balance", 12.00m), ("currency", "USD"), ("card_last_four", "0005"), ("billing_zip", "94601"), ("date_of_birth", "1958-01-19"));
        yield return Customer(AlexMorganSfId, "Alex Morgan", "alex.morgan@example.com", "+1 415 555 0177", "ACC-100205", longAgo, shared: false,
            ("balance", 310.5m), ("currency", "USD"), ("card_last_four", "1881"), ("billing_zip", "94117"), ("date_of_birth", "1990-05-05"));
        yield return Customer(AlexMorganNyId, "Alex Morgan", "alex.m.morgan@example.net", "+1 212 555 0177", "ACC-100206", longAgo, shared: false,
            ("balance", 5.25m), ("currency", "USD"), ("card_last_four", "9000"), ("billing_zip", "10001"), ("date_of_birth", "1990-05-05"));
        yield return Customer(DanaWhitfieldId, "Dana Whitfield", "dana.whitfield@example.com", null, "ACC-100207", longAgo, shared: false,
            ("balance", 44.00m), ("currency", "USD"), ("card_last_four", "3434"), ("billing_zip", "60614"), ("date_of_birth", "1975-12-24"));
        yield return Customer(OliverHughesId, "Oliver Hughes", "oliver.hughes@example.co.uk", "020 7946 0958", "ACC-100208", longAgo, shared: false,
            ("balance", "310.00"), ("currency", "gbp"), ("card_last_four", "7777"), ("billing_zip", "SW1A 1AA"), ("date_of_birth", null));
    }

    public static IEnumerable<ZendeskSimTicket> Tickets(DateTimeOffset now)
    {
        yield return Ticket(MariaOpenTicketId, MariaGarciaId, "Card declined at checkout", "open", "web", now.AddDays(-3));
        yield return Ticket(MariaSolvedTicketId, MariaGarciaId, "Change of billing address", "solved", "email", now.AddDays(-40));
        yield return Ticket(MariaPendingTicketId, MariaGarciaId, "Question about my statement", "pending", "voice", now.AddDays(-1));
        yield return Ticket(PriyaNewTicketId, PriyaShahId, "Moved my number to you: account access", "new", "voice", now.AddDays(-2));
        yield return Ticket(TomClosedTicketId, TomBeckerId, "Please close my account", "closed", "email", now.AddDays(-200));
        yield return Ticket(DanaOnHoldTicketId, DanaWhitfieldId, "Paper statements", "hold", "email", now.AddDays(-5));
    }

    private static ZendeskSimUser Agent(long id, string name, string email, string role, DateTimeOffset at) => new()
    {
        Id = id,
        Name = name,
        Email = email,
        Role = role,
        CreatedAt = at,
        UpdatedAt = at,
    };

    private static ZendeskSimUser Customer(long id, string name, string email, string? phone, string externalId, DateTimeOffset at, bool shared, params (string Key, object? Value)[] fields)
    {
        var user = new ZendeskSimUser
        {
            Id = id,
            Name = name,
            Email = email,
            Phone = phone,
            SharedPhoneNumber = shared,
            ExternalId = externalId,
            CreatedAt = at,
            UpdatedAt = at,
        };
        foreach (var (key, value) in fields)
        {
            user.UserFields[key] = value;
        }

        return user;
    }

    private static ZendeskSimTicket Ticket(long id, long requesterId, string subject, string status, string channel, DateTimeOffset at)
    {
        var stamp = Whole(at);
        return new ZendeskSimTicket
        {
            Id = id,
            Subject = subject,
            Description = subject,
            Status = status,
            RequesterId = requesterId,
            SubmitterId = requesterId,
            ViaChannel = channel,
            CreatedAt = stamp,
            UpdatedAt = stamp,
            Comments = [new ZendeskSimComment { Id = id * 10, Body = subject, AuthorId = requesterId, CreatedAt = stamp, AuditId = id * 10 + 1 }],
        };
    }

    private static DateTimeOffset Whole(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
