using Connectors.Core.Auth;
using Connectors.Core.Auth.Policy;
using Connectors.Core.Crm;
using Connectors.Core.Storage;
using Connectors.Tests.Calls;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Auth.Policy;

public sealed class AccountPolicyTests
{
    [Fact]
    public void The_seed_gates_a_balance_by_what_the_caller_knows_and_money_moves_by_what_they_have_or_are()
    {
        var policy = Resolve([]);

        Assert.Equal(AssuranceLevel.Knowledge, policy.Actions["balance"].RequiredLevel);
        Assert.Equal([AuthMethod.KnowledgeCheck, AuthMethod.SmsPasscode, AuthMethod.EmailPasscode, AuthMethod.VoiceBiometric], policy.Actions["balance"].AllowedMethods);
        foreach (var action in new[] { "payment", "address-change", "add-line" })
        {
            Assert.Equal(AssuranceLevel.Possession, policy.Actions[action].RequiredLevel);
            Assert.Equal([AuthMethod.SmsPasscode, AuthMethod.EmailPasscode, AuthMethod.VoiceBiometric], policy.Actions[action].AllowedMethods);
        }

        Assert.Contains("balance", policy.Actions["balance"].VisibleFields);
        Assert.DoesNotContain("cardLastFour", policy.Actions["balance"].VisibleFields);
        Assert.Equal(4, policy.Actions.Count);
    }

    [Fact]
    public void A_configured_action_replaces_its_seed_rule_and_the_other_seed_rules_stay()
    {
        var policy = Resolve(new()
        {
            ["AccountPolicy:Actions:payment:RequiredLevel"] = "Biometric",
            ["AccountPolicy:Actions:payment:AllowedMethods:0"] = "VoiceBiometric",
            ["AccountPolicy:Actions:payment:VisibleFields:0"] = "balance",
            ["AccountPolicy:Actions:statement:RequiredLevel"] = "Possession",
            ["AccountPolicy:Actions:statement:AllowedMethods:0"] = "EmailPasscode",
            ["AccountPolicy:Actions:statement:VisibleFields:0"] = "Email",
        });

        Assert.Equal(AssuranceLevel.Biometric, policy.Actions["payment"].RequiredLevel);
        Assert.Equal([AuthMethod.VoiceBiometric], policy.Actions["payment"].AllowedMethods);
        Assert.Equal(["balance"], policy.Actions["payment"].VisibleFields);
        Assert.Equal(AssuranceLevel.Knowledge, policy.Actions["balance"].RequiredLevel);
        Assert.True(policy.Actions.ContainsKey("statement"));
        Assert.Equal(5, policy.Actions.Count);
    }

    [Theory]
    [InlineData("AccountPolicy:Actions:balance:VisibleFields:0", "socialSecurityNumber", "is not an account field")]
    [InlineData("AccountPolicy:Actions:balance:RequiredLevel", "None", "no account field is shown without a proof")]
    [InlineData("AccountPolicy:Actions:Balance Check:RequiredLevel", "Knowledge", "an action name is")]
    public void A_policy_that_could_leak_or_names_what_does_not_exist_fails_validation(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.Contains("Balance Check", StringComparison.Ordinal))
        {
            settings["AccountPolicy:Actions:Balance Check:AllowedMethods:0"] = "KnowledgeCheck";
            settings["AccountPolicy:Actions:Balance Check:VisibleFields:0"] = "balance";
        }

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(failure.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_method_that_cannot_reach_the_level_fails_validation()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["AccountPolicy:Actions:payment:RequiredLevel"] = "Possession",
            ["AccountPolicy:Actions:payment:AllowedMethods:0"] = "KnowledgeCheck",
            ["AccountPolicy:Actions:payment:VisibleFields:0"] = "balance",
        }));

        Assert.Contains(failure.Failures, f => f.Contains("KnowledgeCheck cannot reach Possession", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_method_beside_a_valid_one_fails_validation_rather_than_vanishing()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Resolve(new()
        {
            ["AccountPolicy:Actions:payment:RequiredLevel"] = "Possession",
            ["AccountPolicy:Actions:payment:AllowedMethods:0"] = "SmsPasscode",
            ["AccountPolicy:Actions:payment:AllowedMethods:1"] = "VoiceBiometrc",
            ["AccountPolicy:Actions:payment:VisibleFields:0"] = "balance",
        }));

        Assert.Contains("'VoiceBiometrc'", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_refuses_a_method_the_binder_would_let_through_as_a_number()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AccountPolicy:Actions:payment:AllowedMethods:0"] = "7",
        }).Build().GetSection(AccountPolicyOptions.SectionName);
        var options = new AccountPolicyOptions { Actions = AccountPolicyDefaults.Seed() };

        var result = new AccountPolicyValidator(section).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("'7' is not a method", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_setting_name_fails_rather_than_being_ignored()
    {
        Assert.Throws<InvalidOperationException>(() => Resolve(new()
        {
            ["AccountPolicy:Actions:payment:RequiredLevel"] = "Possession",
            ["AccountPolicy:Actions:payment:AllowedMethod:0"] = "SmsPasscode",
            ["AccountPolicy:Actions:payment:VisibleFields:0"] = "balance",
        }));
    }

    [Fact]
    public void An_action_with_no_methods_fails_validation()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["AccountPolicy:Actions:statement:RequiredLevel"] = "Knowledge",
            ["AccountPolicy:Actions:statement:VisibleFields:0"] = "balance",
        }));

        Assert.Contains(failure.Failures, f => f.Contains("AllowedMethods is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LocalHost_refuses_to_start_with_an_unknown_field_in_the_policy()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => LocalHostAsync(new() { ["AccountPolicy:Actions:balance:VisibleFields:0"] = "fullCardNumber" }));

        Assert.Contains(failure.Failures, f => f.Contains("'fullCardNumber' is not an account field", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LocalHost_refuses_to_start_with_an_unknown_method_in_the_policy()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalHostAsync(new() { ["AccountPolicy:Actions:balance:AllowedMethods:0"] = "MothersMaidenName" }));

        Assert.Contains("'MothersMaidenName' at 'AccountPolicy:Actions:balance:AllowedMethods:0'", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>LocalHost with every port it needs supplied, so only the policy can stop it starting.</summary>
    private static Task<LocalHostServer> LocalHostAsync(Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("policy")))
        {
            settings[key] = value;
        }

        return LocalHostServer.StartAsync(settings, services => services.AddSingleton<ICrmConnector>(new ScriptedCrmConnector()));
    }

    private static AccountPolicyOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddAccountPolicy(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AccountPolicyOptions>>().Value;
    }
}
