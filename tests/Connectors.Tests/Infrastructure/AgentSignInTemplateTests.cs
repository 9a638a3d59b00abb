using System.Text.Json;
using Connectors.Core.Baton;
using Connectors.Core.Http;
using Connectors.Tests.Infrastructure.Arm;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// Entra ID sign-in (bicep/modules/agentauth.bicep, App Service authentication) in front of the anonymous agent link, as
/// the compiled template deploys it: agents sign in for every agent-link route, the platforms' paths never ask, and
/// the option is absent unless asked for.
/// </summary>
public sealed class AgentSignInTemplateTests
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void With_a_sign_in_client_every_agent_link_route_asks_for_sign_in_and_no_platform_path_does()
    {
        var auth = AuthSettings(CompiledTemplate.Deploy(("agentSignInClientId", ClientId)));
        Assert.NotNull(auth);
        var validation = auth.Value.GetProperty("globalValidation");
        var excluded = validation.GetProperty("excludedPaths").EnumerateArray().Select(p => p.GetString()!).ToList();

        Assert.True(auth.Value.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("RedirectToLoginPage", validation.GetProperty("unauthenticatedClientAction").GetString());
        Assert.Equal(ClientId, auth.Value.GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("registration").GetProperty("clientId").GetString());

        // Sign-in is asked on the anonymous agent routes: no excluded path is a prefix of theirs.
        foreach (var route in BatonRoutes.AgentLink)
        {
            var path = RouteTable.Prefix + "/" + route.Template.Replace("{token}", BatonToken.New(), StringComparison.Ordinal);
            Assert.DoesNotContain(excluded, prefix => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }

        // ...and never on a path a platform or the voice AI calls (their own keys and signatures guard them).
        foreach (var route in RouteTable.All.Where(r => r.Template.StartsWith("channels/", StringComparison.Ordinal) || r.Template.StartsWith("calls/", StringComparison.Ordinal) || r.Template == "health"))
        {
            var path = RouteTable.Prefix + "/" + route.Template.Replace("{callId}", "call-1", StringComparison.Ordinal);
            Assert.Contains(excluded, prefix => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Without_a_sign_in_client_there_is_no_sign_in_and_the_link_alone_opens_the_page() =>
        Assert.Null(AuthSettings(CompiledTemplate.Deploy()));

    private static JsonElement? AuthSettings(IReadOnlyList<ArmResource> resources) =>
        resources.SingleOrDefault(r => r.Type == "Microsoft.Web/sites/config" && r.Name.EndsWith("authsettingsV2", StringComparison.Ordinal)) is { } config
            ? Json(config.Properties)
            : null;

    private static JsonElement Json(object? value) => JsonSerializer.SerializeToElement(value);
}
