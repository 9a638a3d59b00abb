using System.Globalization;
using Connectors.Core.Crm;

namespace Connectors.Tests.Auth.Support;

/// <summary>
/// An account with answers and channels on file, unique per test (own id, number and address), so tests
/// never share a lockout or a send cap.
/// </summary>
internal sealed record TestAccount(AccountSnapshot Snapshot)
{
    public const string LastFour = "4242";
    public const string Zip = "94105";
    public const string DateOfBirth = "1984-07-19";

    private static int _next = Random.Shared.Next(1000, 5000);

    public string AccountId => Snapshot.AccountId;

    public string Mobile => Snapshot.MobileE164!;

    /// <summary>The ten national digits: what a leak of the number would contain, however formatted.</summary>
    public string MobileNationalDigits => Mobile[2..];

    public string Email => Snapshot.Email!;

    public static TestAccount Create(string? mobile = null, string? email = null, string? dateOfBirth = DateOfBirth)
    {
        var n = Interlocked.Increment(ref _next).ToString("D4", CultureInfo.InvariantCulture);
        if (n == LastFour)
        {
            // A name or number ending in the card's last four would read as a leak of it.
            n = Interlocked.Increment(ref _next).ToString("D4", CultureInfo.InvariantCulture);
        }

        return new TestAccount(new AccountSnapshot
        {
            AccountId = "001ACC" + n + Guid.NewGuid().ToString("N")[..6],
            DisplayName = "Jordan Rivera " + n,
            CardLastFour = "**** " + LastFour,
            BillingZip = Zip + "-1234",
            DateOfBirth = dateOfBirth,
            MobileE164 = mobile ?? "+1415555" + n,
            Email = email ?? $"jordan.rivera.{n}@example.com",
            Balance = 1234.56m,
            Currency = "USD",
        });
    }

    /// <summary>Another unique, well-formed number (never on file for this account).</summary>
    public static string OtherMobile() => "+1202555" + Interlocked.Increment(ref _next).ToString("D4", CultureInfo.InvariantCulture);
}
