namespace Connectors.Tests.Infrastructure;

/// <summary>One function of <c>functions.metadata</c>: its name and bindings.</summary>
internal sealed record MetadataFunction(string Name, IReadOnlyList<MetadataBinding> Bindings)
{
    public MetadataBinding? Trigger => Bindings.FirstOrDefault(binding => binding.Type.EndsWith("Trigger", StringComparison.Ordinal));
}

/// <summary>One binding: its type (<c>httpTrigger</c>, <c>serviceBusTrigger</c>, <c>orchestrationTrigger</c>, ...) and the fields the checks read.</summary>
internal sealed record MetadataBinding(string Type, string? AuthLevel, IReadOnlyList<string> Methods, string? Route, string? QueueName);
