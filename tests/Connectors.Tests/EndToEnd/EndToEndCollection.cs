using Connectors.Tests.Storage;

namespace Connectors.Tests.EndToEnd;

/// <summary>The end-to-end scenarios run one after another (they load the machine), on the shared Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "End to end";
}
