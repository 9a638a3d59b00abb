namespace Connectors.Tests.Infrastructure.Arm;

/// <summary>One resource a template deploys, evaluated: its module path, type, name, resource id and evaluated body.</summary>
internal sealed record ArmResource(string Module, string Type, string Name, string Id, IReadOnlyDictionary<string, object?> Body)
{
    public IReadOnlyDictionary<string, object?> Properties =>
        Body.TryGetValue("properties", out var properties) && properties is IReadOnlyDictionary<string, object?> map ? map : new Dictionary<string, object?>();
}
