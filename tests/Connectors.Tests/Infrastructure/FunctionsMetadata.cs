using System.Reflection;
using System.Text.Json;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK writes into the Functions app's build output: what the Functions host
/// registers, read as generated rather than from the trigger source. The test project references the Functions project
/// (build order only) and its build stamps the Functions project's own output folder into this assembly
/// (<c>FunctionsAppOutput</c>, see Connectors.Tests.csproj), so the file read is the one the same build just wrote.
/// </summary>
internal static class FunctionsMetadata
{
    public const string FileName = "functions.metadata";

    /// <summary>Whether this build compiled the Service Bus trigger (the <c>ConnectorsServiceBusTrigger</c> switch).</summary>
    public static bool ServiceBusTriggerBuilt => bool.Parse(BuildValue("ConnectorsServiceBusTrigger"));

    /// <summary>The path of the metadata file of this build; fails loudly when the build wrote none.</summary>
    public static string Locate()
    {
        var path = Path.Combine(BuildValue("FunctionsAppOutput"), FileName);
        Assert.True(
            File.Exists(path),
            $"{path} does not exist: the Functions app was not built with the tests. Build Connectors.sln first (scripts/test.sh does).");
        return path;
    }

    public static IReadOnlyList<MetadataFunction> Load() => Parse(File.ReadAllText(Locate()));

    public static IReadOnlyList<MetadataFunction> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(function => new MetadataFunction(
                function.GetProperty("name").GetString()!,
                function.GetProperty("bindings").EnumerateArray().Select(ParseBinding).ToList()))
            .ToList();
    }

    private static MetadataBinding ParseBinding(JsonElement binding) => new(
        binding.GetProperty("type").GetString()!,
        Text(binding, "authLevel"),
        binding.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(method => method.GetString()!).ToList() : [],
        Text(binding, "route"),
        Text(binding, "queueName"));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string BuildValue(string key) =>
        typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly carries no {key}: Connectors.Tests.csproj's LocateFunctionsAppOutput target did not run.");
}
