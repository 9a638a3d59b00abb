using System.Reflection;
using System.Text.Json;
using Connectors.Core.Hosting;
using Connectors.Core.Queues;
using Connectors.Core.Storage;
using Connectors.LocalHost;
using Connectors.Tests.Infrastructure.Arm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// bicep/main.bicep as the Bicep CLI compiled it (scripts/test.sh builds and lints it first), evaluated for real
/// parameter sets: the role assignments (role, principal, scope), the app settings against Core's options, the
/// Service Bus queues' delivery guarantees, and identity-only access.
/// </summary>
public sealed class DeploymentTemplateTests
{
    internal static readonly string Root = FindRepositoryRoot();

    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string ServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>The provider combinations a deployment can pick; together they set every setting the template knows.</summary>
    public static TheoryData<string, string, string, bool> ProviderChoices => new()
    {
        { "salesforce", "twilio", "ApiToken", false },
        { "zendesk", "acs", "ApiToken", true },
        { "zendesk", "twilio", "OAuth", true },
    };

    [Fact]
    public void Each_role_assignment_grants_one_built_in_role_to_the_apps_identity_on_the_resource_that_needs_it()
    {
        var resources = CompiledTemplate.Deploy();

        var expected = new List<(string, string, string)>
        {
            (StorageBlobDataOwner, AppPrincipal(resources), IdOf(resources, "Microsoft.Storage/storageAccounts")),
            (StorageQueueDataContributor, AppPrincipal(resources), IdOf(resources, "Microsoft.Storage/storageAccounts")),
            (StorageTableDataContributor, AppPrincipal(resources), IdOf(resources, "Microsoft.Storage/storageAccounts")),
            (KeyVaultSecretsUser, AppPrincipal(resources), IdOf(resources, "Microsoft.KeyVault/vaults")),
            (MonitoringMetricsPublisher, AppPrincipal(resources), IdOf(resources, "Microsoft.Insights/components")),
        };
        foreach (var queue in QueueNames.All)
        {
            var queueId = resources.Single(r => r.Type == "Microsoft.ServiceBus/namespaces/queues" && r.Name.EndsWith("/" + queue, StringComparison.Ordinal)).Id;
            expected.Add((ServiceBusDataSender, AppPrincipal(resources), queueId));
            expected.Add((ServiceBusDataReceiver, AppPrincipal(resources), queueId));
        }

        // The outbound events' topic: the app publishes, it never reads.
        expected.Add((ServiceBusDataSender, AppPrincipal(resources), resources.Single(r => r.Type == "Microsoft.ServiceBus/namespaces/topics").Id));

        Assert.Equal(Sorted(expected), Sorted(RoleAssignments(resources)));
        Assert.All(resources.Where(r => r.Type == "Microsoft.Authorization/roleAssignments"), r => Assert.Equal("ServicePrincipal", r.Properties["principalType"]));
    }

    [Fact]
    public void The_optional_grants_appear_only_when_asked_for_and_on_the_narrowest_scope()
    {
        var resources = CompiledTemplate.Deploy(("serviceBusOwnerForScaling", true), ("vaultWriterPrincipalId", "11111111-2222-3333-4444-555555555555"));
        var assignments = RoleAssignments(resources);

        Assert.Contains((ServiceBusDataOwner, AppPrincipal(resources), IdOf(resources, "Microsoft.ServiceBus/namespaces")), assignments);
        Assert.Contains((KeyVaultSecretsOfficer, "11111111-2222-3333-4444-555555555555", IdOf(resources, "Microsoft.KeyVault/vaults")), assignments);
        Assert.Equal(RoleAssignments(CompiledTemplate.Deploy()).Count + 2, assignments.Count);
    }

    [Theory]
    [MemberData(nameof(ProviderChoices))]
    public void The_deployed_settings_pass_cores_start_up_validation_with_secrets_only_as_key_vault_references(string crm, string sms, string zendeskAuth, bool biometrics)
    {
        var resources = Deploy(crm, sms, zendeskAuth, biometrics);
        var settings = AppSettings(resources);
        var vault = resources.Single(r => r.Type == "Microsoft.KeyVault/vaults").Name;
        var sample = LocalSettings.Load(Path.Combine(Root, LocalSettings.SampleFileName));
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        foreach (var (name, value) in settings.Where(setting => !IsHostSetting(setting.Key)))
        {
            var (path, leaf, error) = OptionsSettingPaths.Resolve(name);
            Assert.True(path is not null, $"The template sets {name}, which the app never reads: {error}");
            var secret = OptionsSettingPaths.IsSecret(leaf!);
            var reference = value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal);
            Assert.True(secret == reference, secret ? $"{name} is a secret: it must be a Key Vault reference, not a value." : $"{name} is no secret, yet it is a Key Vault reference.");
            if (reference)
            {
                Assert.Matches($@"^@Microsoft\.KeyVault\(VaultName={vault};SecretName=[a-z0-9-]+\)$", value);
            }

            // Key Vault resolves a reference at start-up; the sample's stand-in plays the secret here.
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            configuration[key] = reference ? SecretStandIn(key, sample) : value;
        }

        var services = new ServiceCollection().AddLogging();
        var built = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        services.AddConnectors(built);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Every_secret_a_core_options_class_reads_is_deployed_from_key_vault_by_some_provider_choice_unless_the_identity_replaces_it()
    {
        // In Azure these connections sign in as the app's managed identity, so no secret exists to store.
        var replacedByIdentity = new HashSet<string>(StringComparer.Ordinal) { "Storage:ConnectionString", "Email:Graph:ClientSecret" };
        var deployed = ProviderChoices
            .SelectMany(choice => AppSettings(Deploy((string)choice[0], (string)choice[1], (string)choice[2], (bool)choice[3])))
            .Where(setting => setting.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
            .Select(setting => OptionsSettingPaths.Resolve(setting.Key).Path!)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(OptionsSettingPaths.AllSecretPaths().Except(replacedByIdentity).Order(StringComparer.Ordinal), deployed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_host_reaches_storage_service_bus_and_telemetry_as_the_identity_with_the_endpoints_durable_functions_needs()
    {
        var resources = CompiledTemplate.Deploy();
        var settings = AppSettings(resources);
        var storage = resources.Single(r => r.Type == "Microsoft.Storage/storageAccounts").Name;
        var identity = resources.Single(r => r.Type == "Microsoft.ManagedIdentity/userAssignedIdentities");
        var clientId = (string)ArmTemplateEvaluator.Runtime(identity.Type, identity.Name, "clientId")!;

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(clientId, settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal($"https://{storage}.blob.core.windows.net/", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal($"https://{storage}.queue.core.windows.net/", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal($"https://{storage}.table.core.windows.net/", settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.Equal($"https://{storage}.table.core.windows.net/", settings["Storage__TableServiceUri"]);
        Assert.Equal(clientId, settings["Storage__ManagedIdentityClientId"]);
        Assert.Equal("managedidentity", settings["ServiceBusConnection__credential"]);
        Assert.Equal(clientId, settings["ServiceBusConnection__clientId"]);
        Assert.EndsWith(".servicebus.windows.net", settings["ServiceBusConnection__fullyQualifiedNamespace"], StringComparison.Ordinal);
        Assert.Equal($"ClientId={clientId};Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.DoesNotContain(settings, setting => setting.Key.StartsWith("FUNCTIONS_", StringComparison.Ordinal) || setting.Value.Contains("AccountKey=", StringComparison.Ordinal));

        Assert.Equal(false, resources.Single(r => r.Type == "Microsoft.Storage/storageAccounts").Properties["allowSharedKeyAccess"]);
        Assert.Equal(true, resources.Single(r => r.Type == "Microsoft.Insights/components").Properties["DisableLocalAuth"]);
        Assert.Equal(true, resources.Single(r => r.Type == "Microsoft.ServiceBus/namespaces").Properties["disableLocalAuth"]);
        var site = resources.Single(r => r.Type == "Microsoft.Web/sites");
        var runtime = (IDictionary<string, object?>)((IDictionary<string, object?>)site.Properties["functionAppConfig"]!)["runtime"]!;
        Assert.Equal(("dotnet-isolated", "10.0"), ((string)runtime["name"]!, (string)runtime["version"]!));
    }

    [Fact]
    public void Every_queue_core_names_is_created_with_duplicate_detection_a_delivery_limit_and_a_dead_letter_rule()
    {
        var resources = CompiledTemplate.Deploy();
        var queues = resources.Where(r => r.Type == "Microsoft.ServiceBus/namespaces/queues").ToList();
        var ns = resources.Single(r => r.Type == "Microsoft.ServiceBus/namespaces");

        Assert.Equal(QueueNames.All.Order(StringComparer.Ordinal), queues.Select(q => q.Name.Split('/')[1]).Order(StringComparer.Ordinal));
        Assert.Equal(HandledQueues.Value.Order(StringComparer.Ordinal), queues.Select(q => q.Name.Split('/')[1]).Order(StringComparer.Ordinal));
        Assert.Equal("Standard", ((IDictionary<string, object?>)ns.Body["sku"]!)["name"]);
        foreach (var queue in queues)
        {
            var p = queue.Properties;
            Assert.Equal(true, p["requiresDuplicateDetection"]);
            Assert.Matches("^PT([0-9]+[MHS])+$|^P[0-7]D$", (string)p["duplicateDetectionHistoryTimeWindow"]!);
            Assert.InRange((long)p["maxDeliveryCount"]!, 1, 10);
            Assert.IsType<bool>(p["deadLetteringOnMessageExpiration"]);
            Assert.Matches("^P", (string)p["defaultMessageTimeToLive"]!);
            Assert.Matches("^PT([1-5]M|[0-9]{1,3}S)$", (string)p["lockDuration"]!);
            Assert.Equal(false, p["requiresSession"]);
        }
    }

    [Fact]
    public void The_outbound_events_topic_is_declared_with_duplicate_detection_and_the_app_is_told_its_name()
    {
        var resources = CompiledTemplate.Deploy();

        var topic = resources.Single(r => r.Type == "Microsoft.ServiceBus/namespaces/topics");
        Assert.Equal("call-events", topic.Name.Split('/')[1]);
        Assert.Equal(true, topic.Properties["requiresDuplicateDetection"]);
        Assert.Matches("^P", (string)topic.Properties["defaultMessageTimeToLive"]!);
        Assert.Equal("call-events", AppSettings(resources)["Events__ServiceBusTopic"]);
    }

    [Fact]
    public void Every_parameter_in_the_parameters_file_is_declared_by_the_template()
    {
        var declared = CompiledTemplate.Root.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        using var parameters = JsonDocument.Parse(Read("bicep/main.parameters.json"));

        Assert.All(parameters.RootElement.GetProperty("parameters").EnumerateObject(), parameter => Assert.Contains(parameter.Name, declared));
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

    private static IReadOnlyList<ArmResource> Deploy(string crm, string sms, string zendeskAuth, bool biometrics) => CompiledTemplate.Deploy(
        ("crmProvider", crm),
        ("smsProvider", sms),
        ("zendeskAuthMode", zendeskAuth),
        ("twilioMessagingServiceSid", zendeskAuth == "OAuth" ? "MG0123456789abcdef0123456789abcdef" : ""),
        ("biometricVendors", biometrics ? new List<object?> { new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["name"] = "acmevoice", ["minimumScore"] = "0.9" } } : new List<object?>()),
        // The optional lists go on together: with them, a webhook sender (the sample settings' one) brings its secret too.
        ("webhookSenders", biometrics ? new List<object?> { "localivr" } : new List<object?>()),
        ("eventEndpoints", biometrics ? new List<object?> { new Dictionary<string, object?> { ["name"] = "crmhub", ["url"] = "https://hooks.contoso.example/events" } } : new List<object?>()));

    private static Dictionary<string, string> AppSettings(IReadOnlyList<ArmResource> resources)
    {
        var site = resources.Single(r => r.Type == "Microsoft.Web/sites");
        var siteConfig = (IDictionary<string, object?>)site.Properties["siteConfig"]!;
        return ((List<object?>)siteConfig["appSettings"]!)
            .Cast<IDictionary<string, object?>>()
            .ToDictionary(setting => (string)setting["name"]!, setting => ArmTemplateEvaluator.Render(setting["value"]), StringComparer.Ordinal);
    }

    private static List<(string Role, string Principal, string Scope)> RoleAssignments(IReadOnlyList<ArmResource> resources) =>
        resources.Where(r => r.Type == "Microsoft.Authorization/roleAssignments")
            .Select(r => (
                RoleGuid((string)r.Properties["roleDefinitionId"]!),
                ArmTemplateEvaluator.Render(r.Properties["principalId"]),
                (string)r.Body["scope"]!))
            .ToList();

    /// <summary>The built-in role's id when the definition id is the subscription-level built-in one; else the whole id, so a mismatch shows.</summary>
    private static string RoleGuid(string roleDefinitionId)
    {
        var guid = roleDefinitionId.Split('/')[^1];
        return roleDefinitionId == ArmTemplateEvaluator.SubscriptionResourceId("Microsoft.Authorization/roleDefinitions", guid) ? guid : roleDefinitionId;
    }

    private static string AppPrincipal(IReadOnlyList<ArmResource> resources)
    {
        var identity = resources.Single(r => r.Type == "Microsoft.ManagedIdentity/userAssignedIdentities");
        return (string)ArmTemplateEvaluator.Runtime(identity.Type, identity.Name, "principalId")!;
    }

    private static string IdOf(IReadOnlyList<ArmResource> resources, string type) => resources.Single(r => r.Type == type).Id;

    private static List<(string, string, string)> Sorted(IEnumerable<(string, string, string)> items) => items.Order().ToList();

    /// <summary>
    /// What Key Vault would resolve a reference to: the sample's local stand-in for the same setting (a vendor's secret
    /// under the sample's vendor name), else a plain stand-in string.
    /// </summary>
    private static string SecretStandIn(string key, IReadOnlyDictionary<string, string?> sample)
    {
        if (sample.GetValueOrDefault(key) is { Length: > 0 } value)
        {
            return value;
        }

        var vendorSecret = sample.FirstOrDefault(s => s.Key.StartsWith("Biometrics:Vendors:", StringComparison.OrdinalIgnoreCase) && s.Key.EndsWith(":Secret", StringComparison.OrdinalIgnoreCase));
        return key.StartsWith("Biometrics:Vendors:", StringComparison.OrdinalIgnoreCase) && vendorSecret.Value is { Length: > 0 } secret
            ? secret
            : "stand-in-for-a-key-vault-secret-of-real-length";
    }

    /// <summary>Settings the Functions host or its extensions read, not Core.</summary>
    private static bool IsHostSetting(string setting) =>
        setting.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal)
        || setting.StartsWith("ServiceBusConnection__", StringComparison.Ordinal)
        || setting.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal)
        || setting == "AZURE_CLIENT_ID";

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
}
