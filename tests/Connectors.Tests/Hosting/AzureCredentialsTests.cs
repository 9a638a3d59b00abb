using Azure.Identity;
using Connectors.Core.Hosting;

namespace Connectors.Tests.Hosting;

public sealed class AzureCredentialsTests
{
    [Fact]
    public void A_configured_client_id_selects_that_user_assigned_managed_identity()
    {
        Assert.IsType<ManagedIdentityCredential>(AzureCredentials.ForManagedIdentity("6c1b2f3e-0d4a-4e8b-9a7c-2f5d1e0b3a94"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_client_id_the_developers_own_sign_in_is_used(string? clientId)
    {
        Assert.IsType<DefaultAzureCredential>(AzureCredentials.ForManagedIdentity(clientId));
    }
}
