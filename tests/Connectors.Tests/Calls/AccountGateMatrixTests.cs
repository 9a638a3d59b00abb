using System.Net;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Calls;

/// <summary>
/// The gate's rule over every case, through HTTP as a flow sees it: every configured action (the seed
/// and one from configuration) × every assurance level, reached by a pass for the account in question
/// and/or a pass for another account × a candidate, an ambiguous and an unknown caller. No account
/// field comes back unless the policy allows it for the selected account; when it does, exactly the
/// rule's fields do. The CRM is <see cref="ScriptedCrmConnector"/>: the gate is the subject.
/// </summary>
public sealed class AccountGateMatrixTests
{
    private const string CandidatePhone = "+14155550001";
    private const string AmbiguousPhone = "+14155550002";
    private const string UnknownPhone = "+14155550003";

    private static readonly AuthMethod?[] PassOptions = [null, AuthMethod.KnowledgeCheck, AuthMethod.SmsPasscode, AuthMethod.EmailPasscode, AuthMethod.VoiceBiometric];

    private static readonly Dictionary<string, string?> ExtraAction = new()
    {
        ["AccountPolicy:Actions:contact-details:RequiredLevel"] = "Biometric",
        ["AccountPolicy:Actions:contact-details:AllowedMethods:0"] = "VoiceBiometric",
        ["AccountPolicy:Actions:contact-details:VisibleFields:0"] = "email",
        ["AccountPolicy:Actions:contact-details:VisibleFields:1"] = "mobileE164",
        ["AccountPolicy:Actions:contact-details:VisibleFields:2"] = "openCases",
    };

    public enum MatchKind
    {
        Candidate,
        Ambiguous,
        Unknown,
    }

    [Fact]
    public async Task No_account_field_is_returned_unless_the_policy_allows_it_for_the_selected_account()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "AN-1", 123.45m, CandidatePhone);
        crm.AddAccount("A2", "AN-2", 234.56m, AmbiguousPhone);
        crm.AddAccount("A3", "AN-3", 345.67m, AmbiguousPhone);
        await using var host = await ScreenPopHost.StartAsync(crm, ExtraAction);
        var policy = host.Services.GetRequiredService<IOptions<AccountPolicyOptions>>().Value;
        Assert.Contains("contact-details", policy.Actions.Keys);
        Assert.True(policy.Actions.Count >= 5);

        var checkedReads = 0;
        var allowedReads = 0;
        var call = 0;
        foreach (var match in Enum.GetValues<MatchKind>())
        {
            foreach (var ownPass in PassOptions)
            {
                foreach (var otherPass in PassOptions)
                {
                    var callId = $"CA-matrix-{call++}";
                    var (phone, accountInQuestion) = match switch
                    {
                        MatchKind.Candidate => (CandidatePhone, "A1"),
                        // A2 is one of the ambiguous caller's candidates, never selected.
                        MatchKind.Ambiguous => (AmbiguousPhone, "A2"),
                        _ => (UnknownPhone, "A9"),
                    };
                    await host.ConnectAsync(callId, phone);
                    await host.WaitForFetchAsync(callId);
                    if (ownPass is { } own)
                    {
                        await host.PassAsync(callId, own, AuthMethodStrength.Of(own), accountInQuestion);
                    }

                    if (otherPass is { } other)
                    {
                        await host.PassAsync(callId, other, AuthMethodStrength.Of(other), "A-other");
                    }

                    foreach (var (action, rule) in policy.Actions.Append(new("not-an-action", new AccountActionRule())))
                    {
                        var known = policy.Actions.ContainsKey(action);
                        var allowed = known && match == MatchKind.Candidate && ownPass is { } method
                            && rule.AllowedMethods.Contains(method) && AuthMethodStrength.Of(method) >= rule.RequiredLevel;
                        var label = $"{match} own={ownPass?.ToString() ?? "none"} other={otherPass?.ToString() ?? "none"} action={action}";

                        using var response = await host.ReadAsync(callId, action);
                        var text = await response.Content.ReadAsStringAsync();
                        var fields = AccountFieldsIn(text);
                        if (allowed)
                        {
                            allowedReads++;
                            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{label}: {response.StatusCode} {text}");
                            Assert.True(fields.SetEquals(rule.VisibleFields.Select(f => AccountFields.Canonical(f)!)), $"{label}: fields {string.Join(",", fields)}");
                        }
                        else
                        {
                            Assert.True(fields.Count == 0, $"{label}: leaked {string.Join(",", fields)} in {text}");
                            foreach (var value in new[] { "123.45", "234.56", "345.67", "Holder A", "@example.com", "94105", "AN-" })
                            {
                                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{label}: leaked '{value}' in {text}");
                            }

                            var expected = (known, match) switch
                            {
                                (false, _) or (true, MatchKind.Candidate) => HttpStatusCode.Forbidden,
                                _ => HttpStatusCode.OK,
                            };
                            Assert.True(response.StatusCode == expected, $"{label}: {response.StatusCode} {text}");
                        }

                        checkedReads++;
                    }
                }
            }
        }

        Assert.Equal(3 * PassOptions.Length * PassOptions.Length * (policy.Actions.Count + 1), checkedReads);
        Assert.True(allowedReads > 0);
    }

    private static HashSet<string> AccountFieldsIn(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .Select(p => p.Name)
            .Where(name => AccountFields.All.Contains(name, StringComparer.OrdinalIgnoreCase))
            .ToHashSet(StringComparer.Ordinal);
    }
}
