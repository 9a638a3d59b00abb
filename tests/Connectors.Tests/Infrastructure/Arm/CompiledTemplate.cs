using System.Text.Json;

namespace Connectors.Tests.Infrastructure.Arm;

/// <summary>
/// bicep/main.bicep as <c>bicep build</c> compiled it: scripts/test.sh compiles and lints it before the tests and
/// passes the ARM JSON's path in <c>CONNECTORS_ARM_TEMPLATE</c>. Without it the template tests fail, never skip.
/// </summary>
internal static class CompiledTemplate
{
    public const string PathVariable = "CONNECTORS_ARM_TEMPLATE";

    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        var path = Environment.GetEnvironmentVariable(PathVariable);
        Assert.True(
            !string.IsNullOrEmpty(path) && File.Exists(path),
            $"{PathVariable} names no compiled template ('{path}'): run the tests through scripts/test.sh, which compiles bicep/main.bicep with the Bicep CLI first.");
        return JsonDocument.Parse(File.ReadAllText(path!));
    });

    public static JsonElement Root => Document.Value.RootElement;

    /// <summary>The resources a deployment with these parameters (over <see cref="BaseParameters"/>) creates.</summary>
    public static IReadOnlyList<ArmResource> Deploy(params (string Name, object? Value)[] overrides)
    {
        var parameters = new Dictionary<string, object?>(BaseParameters(), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in overrides)
        {
            parameters[name] = value;
        }

        return ArmTemplateEvaluator.Deploy(Root, parameters);
    }

    /// <summary>What an operator fills in for a Salesforce + Twilio deployment (the other providers' parameters set too, unused).</summary>
    public static Dictionary<string, object?> BaseParameters() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["environmentName"] = "test",
        ["salesforceMyDomainUrl"] = "https://acme.my.salesforce.com",
        ["salesforceClientId"] = "3MVG9Acme.ConsumerKey",
        ["zendeskBaseUrl"] = "https://acme.zendesk.com/",
        ["zendeskEmail"] = "agent@acme.example",
        ["twilioAccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["twilioFromNumber"] = "+14155550100",
        ["acsEndpoint"] = "https://acme.communication.azure.com/",
        ["acsFromNumber"] = "+14155550100",
        ["emailSenderMailbox"] = "passcodes@acme.example",
    };
}
