using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Core.Hosting;
using Connectors.Core.Observability;
using Connectors.Core.Queues;
using Connectors.Core.Storage;
using Connectors.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// No Bicep compiler runs here, so these read the templates as text and hold them to the invariants the app
/// depends on: queue names and their delivery guarantees, identity-only access, role ids, setting names, and
/// the workbook's signal names.
/// </summary>
public sealed partial class DeploymentTemplateTests
{
    internal static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void Main_bicep_creates_exactly_the_queues_a_core_handler_consumes_each_with_duplicate_detection_a_delivery_limit_and_an_expiry_rule()
    {
        var main = Read("bicep/main.bicep");
        var declared = QueueNamePattern().Matches(QueuesBlock(main)).Select(match => match.Groups[1].Value).ToList();

        Assert.Equal(HandledQueues.Value.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
        Assert.Subset(QueueNames.All.ToHashSet(StringComparer.Ordinal), declared.ToHashSet(StringComparer.Ordinal));
        foreach (var queue in declared)
        {
            var block = QueueBlock(main, queue);
            Assert.Contains("duplicateDetectionWindow: 'PT", block, StringComparison.Ordinal);
            Assert.Matches(@"maxDeliveryCount: \d+", block);
            Assert.Matches("deadLetterOnExpiration: (true|false)", block);
            Assert.Matches("lockDuration: 'PT([1-4]M|5M|[0-9]+S)'", block);
        }

        var serviceBus = Read("bicep/modules/servicebus.bicep");
        Assert.Contains("requiresDuplicateDetection: true", serviceBus, StringComparison.Ordinal);
        Assert.Contains("disableLocalAuth: true", serviceBus, StringComparison.Ordinal);
        Assert.Contains("name: 'Standard'", serviceBus, StringComparison.Ordinal);
    }

    [Fact]
    public void The_queue_role_grants_follow_the_queues_the_service_bus_module_created()
    {
        Assert.Contains("queueNames: serviceBus.outputs.queueNames", Read("bicep/main.bicep"), StringComparison.Ordinal);
        var rbac = Read("bicep/modules/rbac.bicep");
        Assert.Matches(@"queueSend '[^']+' = \[for \(queueName, i\) in queueNames:", rbac);
        Assert.Matches(@"queueReceive '[^']+' = \[for \(queueName, i\) in queueNames:", rbac);
    }

    [Fact]
    public void Role_assignments_use_the_built_in_role_definition_ids()
    {
        var rbac = Read("bicep/modules/rbac.bicep");
        var expected = new Dictionary<string, string>
        {
            ["storageBlobDataOwner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            ["storageQueueDataContributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
            ["storageTableDataContributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            ["serviceBusDataSender"] = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
            ["serviceBusDataReceiver"] = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
            ["serviceBusDataOwner"] = "090c5cfd-751d-490a-894a-3ce6f1109419",
            ["keyVaultSecretsUser"] = "4633458b-17de-408a-b874-0445c86b69e6",
            ["keyVaultSecretsOfficer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
            ["monitoringMetricsPublisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        };
        foreach (var (role, id) in expected)
        {
            Assert.Contains($"{role}: '{id}'", rbac, StringComparison.Ordinal);
        }

        Assert.Equal(expected.Count, RoleIdPattern().Matches(rbac).Count);
    }

    [Fact]
    public void Storage_and_telemetry_accept_only_entra_id_and_host_storage_has_the_endpoints_durable_functions_needs()
    {
        Assert.Contains("allowSharedKeyAccess: false", Read("bicep/modules/storage.bicep"), StringComparison.Ordinal);
        Assert.Contains("DisableLocalAuth: true", Read("bicep/modules/monitoring.bicep"), StringComparison.Ordinal);

        var app = Read("bicep/modules/functionapp.bicep");
        foreach (var setting in new[]
        {
            "AzureWebJobsStorage__credential: 'managedidentity'",
            "AzureWebJobsStorage__clientId:",
            "AzureWebJobsStorage__blobServiceUri:",
            "AzureWebJobsStorage__queueServiceUri:",
            "AzureWebJobsStorage__tableServiceUri:",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'",
            "keyVaultReferenceIdentity: identityId",
            "name: 'dotnet-isolated'",
            "version: '10.0'",
            "name: 'FC1'",
        })
        {
            Assert.Contains(setting, app, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_app_setting_main_bicep_sets_binds_a_property_of_a_core_options_class()
    {
        var settings = SettingNames(StripCommentLines(Read("bicep/main.bicep"))).ToList();

        Assert.Contains(settings, setting => setting.StartsWith(StorageOptions.SectionName + "__", StringComparison.Ordinal));
        foreach (var setting in settings.Where(setting => !IsHostSetting(setting)))
        {
            var (path, _, error) = OptionsSettingPaths.Resolve(setting);
            Assert.True(path is not null, $"main.bicep sets {setting}, which the app never reads: {error}");
        }
    }

    [Fact]
    public void Every_setting_in_the_sample_settings_binds_a_property_of_a_core_options_class()
    {
        using var sample = JsonDocument.Parse(Read("local.settings.sample.json"));
        foreach (var setting in sample.RootElement.GetProperty("Values").EnumerateObject().Select(value => value.Name).Where(name => name.Contains("__", StringComparison.Ordinal)))
        {
            var (path, _, error) = OptionsSettingPaths.Resolve(setting);
            Assert.True(path is not null, $"local.settings.sample.json sets {setting}, which the app never reads: {error}");
        }
    }

    [Fact]
    public void Secret_settings_appear_only_in_the_secrets_objects_that_become_key_vault_references()
    {
        var main = StripCommentLines(Read("bicep/main.bicep"));
        var blocks = VarPattern().Matches(main).Select(match => (name: match.Groups[1].Value, body: match.Groups[2].Value)).ToList();
        var secretBlocks = blocks.Where(block => block.name.EndsWith("Secrets", StringComparison.Ordinal)).ToList();

        foreach (var setting in SettingNames(main).Where(setting => !IsHostSetting(setting)).Distinct())
        {
            var secret = OptionsSettingPaths.Resolve(setting).Leaf is { } leaf && OptionsSettingPaths.IsSecret(leaf);
            var occurrences = Regex.Matches(main, Regex.Escape(setting) + "(?![A-Za-z0-9_])").Count;
            var inSecretBlocks = secretBlocks.Sum(block => Regex.Matches(block.body, Regex.Escape(setting) + "(?![A-Za-z0-9_])").Count);
            Assert.True(
                secret ? occurrences == inSecretBlocks : inSecretBlocks == 0,
                secret ? $"{setting} is a secret: set it in a *Secrets object (a Key Vault reference), never as a value." : $"{setting} is no secret: it belongs with the settings, not in Key Vault.");
        }

        // Each *Secrets object feeds secretSettings, directly or through another *Secrets object (zendeskSecrets -> crmSecrets).
        var secretUnion = blocks.Single(block => block.name == "secretSettings").body;
        Assert.All(secretBlocks, block => Assert.True(
            Regex.IsMatch(secretUnion + string.Concat(secretBlocks.Where(other => other.name != block.name).Select(other => other.body)), $@"\b{block.name}\b"),
            $"{block.name} reaches no Key Vault reference."));
        Assert.Matches(@"var secretSettings = union\((\w+Secrets(\[\w+\])?(, )?)+\)", main);
        Assert.Contains("vaultReferences: secretSettings", main, StringComparison.Ordinal);
        Assert.Contains("'@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${setting.value})'", Read("bicep/modules/functionapp.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void One_parameter_picks_a_providers_settings_and_its_secrets_together()
    {
        var main = StripCommentLines(Read("bicep/main.bicep"));
        var picked = Regex.Matches(main, @"\b(\w+)Secrets\[(\w+)\]").Select(match => (group: match.Groups[1].Value, by: match.Groups[2].Value)).ToList();

        Assert.Contains(picked, pick => pick == ("crm", "crmProvider"));
        Assert.Contains(picked, pick => pick == ("sms", "smsProvider"));
        Assert.Contains(picked, pick => pick == ("zendesk", "zendeskAuthMode"));
        foreach (var (group, by) in picked)
        {
            Assert.True(
                Regex.IsMatch(main, $@"\b{group}Settings\[{by}\]") || Regex.IsMatch(main, $@"\b{group}AuthMode == "),
                $"{group}Secrets is picked by {by}, but {group}'s settings are not: a deployment could reference one provider's secret with another's settings.");
        }

        // Biometric vendors: the one list builds both each vendor's settings and its secret.
        Assert.Matches(@"var biometricSettings = toObject\(biometricVendors,", main);
        Assert.Matches(@"var biometricSecrets = toObject\(biometricVendors,", main);
    }

    [Fact]
    public void Every_secret_a_core_options_class_reads_is_deployed_from_key_vault_unless_azure_uses_the_identity_instead()
    {
        // In Azure these connections sign in as the app's managed identity, so no secret exists to store.
        var replacedByIdentity = new HashSet<string>(StringComparer.Ordinal) { "Storage:ConnectionString", "Email:Graph:ClientSecret" };
        var main = StripCommentLines(Read("bicep/main.bicep"));
        var deployed = SettingNames(main)
            .Select(setting => OptionsSettingPaths.Resolve(setting))
            .Where(resolved => resolved.Leaf is { } leaf && OptionsSettingPaths.IsSecret(leaf))
            .Select(resolved => resolved.Path!)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(OptionsSettingPaths.AllSecretPaths().Except(replacedByIdentity).Order(StringComparer.Ordinal), deployed.Order(StringComparer.Ordinal));
        Assert.Contains("Email__Graph__ManagedIdentityClientId: identity.outputs.clientId", main, StringComparison.Ordinal);
        Assert.Contains("Storage__ManagedIdentityClientId: identity.outputs.clientId", main, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_parameter_in_the_parameters_file_is_declared_by_main_bicep()
    {
        var main = Read("bicep/main.bicep");
        using var parameters = JsonDocument.Parse(Read("bicep/main.parameters.json"));
        foreach (var parameter in parameters.RootElement.GetProperty("parameters").EnumerateObject())
        {
            Assert.Matches($@"(?m)^param {parameter.Name} ", main);
        }
    }

    [Fact]
    public void The_workbook_charts_every_contract_signal_by_the_names_core_defines()
    {
        var signals = typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && !field.Name.StartsWith("Tag", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        using var workbook = JsonDocument.Parse(Read("bicep/workbooks/contract-signals.json"));
        var queries = workbook.RootElement.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("type").GetInt32() == 3)
            .Select(item => item.GetProperty("content").GetProperty("query").GetString()!)
            .ToList();
        var queried = queries.SelectMany(query => SignalPattern().Matches(query).Select(match => match.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(signals, queried);
        Assert.Subset(queried, signals);
        Assert.Contains("__APP_INSIGHTS_ID__", Read("bicep/modules/monitoring.bicep"), StringComparison.Ordinal);
    }

    /// <summary>The queues the registered <see cref="IWorkItemHandler"/>s consume, under the sample settings.</summary>
    internal static readonly Lazy<IReadOnlyList<string>> HandledQueues = new(() =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalSettings.Load(Path.Combine(Root, LocalSettings.SampleFileName))).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddConnectors(configuration);
        services.AddLocalHostAdapters(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetServices<IWorkItemHandler>().Select(handler => handler.Queue).ToList();
    });

    /// <summary>Settings the Functions host or its extensions read, not Core.</summary>
    private static bool IsHostSetting(string setting) =>
        setting.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal) || setting.StartsWith("ServiceBusConnection__", StringComparison.Ordinal);

    private static IEnumerable<string> SettingNames(string bicep) => SettingPattern().Matches(bicep).Select(match => match.Value);

    private static string StripCommentLines(string bicep) => CommentLinePattern().Replace(bicep, string.Empty);

    private static string QueuesBlock(string main)
    {
        var start = main.IndexOf("var queues = [", StringComparison.Ordinal);
        Assert.True(start >= 0, "main.bicep declares no queues list.");
        return main[start..main.IndexOf("\n]", start, StringComparison.Ordinal)];
    }

    private static string QueueBlock(string main, string queue)
    {
        var start = main.IndexOf($"name: '{queue}'", StringComparison.Ordinal);
        Assert.True(start >= 0, $"main.bicep declares no queue '{queue}'.");
        var end = main.IndexOf('}', start);
        return main[start..end];
    }

    internal static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connectors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Connectors.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'")]
    private static partial Regex RoleIdPattern();

    /// <summary>A setting name, literal or built: <c>Sms__Twilio__AuthToken</c>, <c>Biometrics__Vendors__${vendor.name}__Secret</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])[A-Za-z][A-Za-z0-9]*(?:__(?:\$\{[^}]*\}|[A-Za-z0-9]+))+")]
    private static partial Regex SettingPattern();

    [GeneratedRegex(@"(?m)^\s*//.*$")]
    private static partial Regex CommentLinePattern();

    /// <summary>A var and its body, up to the next top-level declaration.</summary>
    [GeneratedRegex(@"(?ms)^var (\w+) = (.*?)(?=^(?:var|module|output|param|resource|type|import|@description)\b|\z)")]
    private static partial Regex VarPattern();

    [GeneratedRegex(@"name: '([a-z0-9.-]+)'")]
    private static partial Regex QueueNamePattern();

    [GeneratedRegex(@"'(connectors\.[a-z.]+)'")]
    private static partial Regex SignalPattern();
}
