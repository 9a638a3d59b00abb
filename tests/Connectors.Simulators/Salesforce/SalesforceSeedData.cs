namespace Connectors.Simulators.Salesforce;

/// <summary>
/// The messy org every simulator starts with: phone numbers typed every which way, a household line two
/// accounts share, a mobile number ported from one customer to another (the old contact still lists it),
/// same-name twins, a customer with no mobile on file, a foreign customer in another currency. Every
/// account has the snapshot fields, open and closed cases, and recent activities.
/// </summary>
public static class SalesforceSeedData
{
    public const string AliceAccountNumber = "100200300";
    public const string AlicePhone = "+14155550101";

    /// <summary>The landline the Martinez household shares: two accounts, two contacts.</summary>
    public const string SharedHouseholdPhone = "+13125550142";

    /// <summary>Ported from Dana Whitfield (still on her contact) to Evan Okafor.</summary>
    public const string PortedMobile = "+16465550177";

    public const string TwinsName = "Maria Garcia";
    public const string OlderTwinAccountNumber = "400500601";
    public const string YoungerTwinAccountNumber = "400500600";

    /// <summary>Frank Li: a landline and an email, no mobile.</summary>
    public const string NoMobileAccountNumber = "500600700";
    public const string NoMobilePhone = "+12065550123";

    public const string ForeignAccountNumber = "DE-600700800";

    public static void Load(SalesforceOrg org, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(org);

        var alice = Customer(org, now, "Alice Johnson", "(415) 555-0101", AliceAccountNumber, 1523.45m, "USD", "4242", "94107",
            first: "Alice", last: "Johnson", mobile: "+1 415-555-0101", home: null, email: "alice.johnson@example.com", birthdate: "1984-03-12", since: now.AddYears(-4));
        Case(org, alice, "Replacement card not received", "Working", now.AddDays(-3));
        Case(org, alice, "Dispute: duplicate charge", "New", now.AddDays(-1));
        Case(org, alice, "Address change", "Closed", now.AddDays(-30));
        Activity(org, alice, "Call", "Call: balance enquiry", now.AddDays(-2));
        Activity(org, alice, "Email", "Statement copy sent", now.AddDays(-5));
        Activity(org, alice, "Call", "Call: card activation", now.AddDays(-40));

        var bob = Customer(org, now, "Bob Martinez", "(312) 555-0142", "200300400", 88.10m, "USD", "1881", "60601",
            first: "Bob", last: "Martinez", mobile: "(312) 555-0199", home: "(312) 555-0142", email: "bob.m@example.com", birthdate: "1979-07-01", since: now.AddYears(-6));
        Activity(org, bob, "Call", "Call: payment arrangement", now.AddDays(-9));
        var carla = Customer(org, now, "Carla Martinez", "312.555.0142", "200300401", 2300m, "USD", "5100", "60601",
            first: "Carla", last: "Martinez", mobile: "(312) 555-0143", home: "312-555-0142", email: "carla.m@example.com", birthdate: "1981-11-23", since: now.AddYears(-6));
        Case(org, carla, "Joint account question", "New", now.AddDays(-2));

        Customer(org, now, "Dana Whitfield", null, "300400500", 12.00m, "USD", "3005", "10001",
            first: "Dana", last: "Whitfield", mobile: "+1 (646) 555-0177", home: null, email: "dana.w@example.com", birthdate: "1958-05-05", since: now.AddYears(-9));
        var evan = Customer(org, now, "Evan Okafor", null, "300400501", 640.00m, "USD", "7717", "11201",
            first: "Evan", last: "Okafor", mobile: "646.555.0177", home: null, email: "evan.okafor@example.com", birthdate: "1995-12-01", since: now.AddDays(-20));
        Activity(org, evan, "Call", "Call: new customer welcome", now.AddDays(-19));

        Customer(org, now, TwinsName, "(305) 555-0110", YoungerTwinAccountNumber, 45.00m, "USD", "6006", "33101",
            first: "Maria", last: "Garcia", mobile: "(305) 555-0110", home: null, email: "maria.garcia@example.com", birthdate: "1990-02-14", since: now.AddYears(-2));
        Customer(org, now, TwinsName, "(305) 555-0111", OlderTwinAccountNumber, 9120.00m, "USD", "6106", "33130",
            first: "Maria", last: "Garcia", mobile: "(305) 555-0111", home: null, email: "m.garcia62@example.com", birthdate: "1962-09-30", since: now.AddYears(-12));

        var frank = Customer(org, now, "Frank Li", "+1 206 555 0123", NoMobileAccountNumber, 0m, "USD", "0123", "98101",
            first: "Frank", last: "Li", mobile: null, home: "206-555-0123", email: "frank.li@example.com", birthdate: "1970-01-20", since: now.AddYears(-3));
        Case(org, frank, "Paper statements", "Closed", now.AddDays(-60));

        Customer(org, now, "Greta Schmidt", "+49 30 5550 1234", ForeignAccountNumber, 310.00m, "EUR", "9911", "10115",
            first: "Greta", last: "Schmidt", mobile: "+49 151 5550 9876", home: null, email: "greta.s@example.com", birthdate: "1988-08-08", since: now.AddYears(-1));
    }

    private static string Customer(SalesforceOrg org, DateTimeOffset now, string name, string? phone, string accountNumber, decimal balance, string currency,
        string lastFour, string zip, string first, string last, string? mobile, string? home, string email, string birthdate, DateTimeOffset since)
    {
        var account = org.Insert("Account", new Dictionary<string, object?>
        {
            ["Name"] = name,
            ["Phone"] = phone,
            ["Account_Number__c"] = accountNumber,
            ["Balance__c"] = balance,
            ["CurrencyIsoCode"] = currency,
            ["Card_Last_Four__c"] = lastFour,
            ["BillingPostalCode"] = zip,
            ["CreatedDate"] = since,
            ["LastModifiedDate"] = now.AddDays(-1),
        });
        org.Insert("Contact", new Dictionary<string, object?>
        {
            ["AccountId"] = account,
            ["FirstName"] = first,
            ["LastName"] = last,
            ["MobilePhone"] = mobile,
            ["HomePhone"] = home,
            ["Email"] = email,
            ["Birthdate"] = birthdate,
            ["CreatedDate"] = since,
        });
        return account;
    }

    private static void Case(SalesforceOrg org, string account, string subject, string status, DateTimeOffset opened) =>
        org.Insert("Case", new Dictionary<string, object?>
        {
            ["AccountId"] = account,
            ["Subject"] = subject,
            ["Status"] = status,
            ["Origin"] = "Phone",
            ["CreatedDate"] = opened,
        });

    private static void Activity(SalesforceOrg org, string account, string subtype, string subject, DateTimeOffset at) =>
        org.Insert("Task", new Dictionary<string, object?>
        {
            ["WhatId"] = account,
            ["Subject"] = subject,
            ["Status"] = "Completed",
            ["TaskSubtype"] = subtype,
            ["ActivityDate"] = at,
            ["CreatedDate"] = at,
        });
}
