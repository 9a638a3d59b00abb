using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Core.Observability;
using Connectors.Core.Queues;
using Connectors.Core.Storage;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// No Bicep compiler runs here, so these read the templates as text and hold them to the invariants the app
/// depends on: queue names and their delivery guarantees, identity-only access, role ids, setting names, and
/// the workbook's signal names.
/// </summary>
public sealed partial class DeploymentTemplateTests
{
    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void Every_work_queue_is_declared_with_duplicate_detection_a_delivery_limit_and_an_expiry_rule()
    {
        var main = Read("bicep/main.bicep");
        foreach (var queue in QueueNames.All)
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
    public void Every_setting_of_a_core_options_section_names_a_property_of_that_options_class()
    {
        var optionsBySection = typeof(StorageOptions).Assembly.GetTypes()
            .Select(type => (type, field: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(pair => pair.field is { IsLiteral: true })
            .ToDictionary(pair => (string)pair.field!.GetRawConstantValue()!, pair => pair.type, StringComparer.OrdinalIgnoreCase);
        var settings = SettingPattern().Matches(Read("bicep/main.bicep")).Select(match => (section: match.Groups[1].Value, key: match.Groups[2].Value)).ToList();

        Assert.Contains(settings, setting => setting.section == StorageOptions.SectionName);
        foreach (var (section, key) in settings.Where(setting => optionsBySection.ContainsKey(setting.section)))
        {
            var property = optionsBySection[section].GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(property is not null, $"main.bicep sets {section}__{key}, but {optionsBySection[section].Name} has no property {key}.");
        }
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

    private static string QueueBlock(string main, string queue)
    {
        var start = main.IndexOf($"name: '{queue}'", StringComparison.Ordinal);
        Assert.True(start >= 0, $"main.bicep declares no queue '{queue}'.");
        var end = main.IndexOf('}', start);
        return main[start..end];
    }

    private static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

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

    [GeneratedRegex(@"(?m)^\s*([A-Za-z][A-Za-z0-9]*)__([A-Za-z][A-Za-z0-9]*):")]
    private static partial Regex SettingPattern();

    [GeneratedRegex(@"'(connectors\.[a-z.]+)'")]
    private static partial Regex SignalPattern();
}
