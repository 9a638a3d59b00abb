namespace Connectors.Tests.Lifecycle;

/// <summary>
/// A customer of one lifecycle, with a phone of its own (a single candidate, and lockouts and passcode caps that no
/// other lifecycle shares), the answers to its knowledge check, and the values no answer may show before a gate.
/// </summary>
public sealed record LifecycleCustomer(string Phone, string LastFour, string Zip, string DisplayName, string AccountNumber, string Email);
