namespace Connectors.Tests.Storage;

/// <summary>Test classes that use Azurite share one fixture and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
