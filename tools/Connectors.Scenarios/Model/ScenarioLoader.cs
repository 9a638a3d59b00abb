using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Connectors.Scenarios.Model;

/// <summary>Loads scenario files: YAML to JSON, checked against <c>scenario.schema.json</c>, then read into <see cref="Scenario"/>.</summary>
public sealed class ScenarioLoader
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly JsonSchema _schema;

    public ScenarioLoader(string schemaPath)
    {
        _schema = JsonSchema.FromText(File.ReadAllText(schemaPath));
    }

    /// <summary>The schema next to the runner, else <c>scenarios/scenario.schema.json</c> above the working folder.</summary>
    public static ScenarioLoader Default()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "scenario.schema.json");
        return new ScenarioLoader(File.Exists(beside) ? beside : FindUp("scenarios/scenario.schema.json"));
    }

    public static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No {relative} in this folder or above it.");
    }

    /// <summary>The scenario files of a folder (or one file), in name order.</summary>
    public static IReadOnlyList<string> Files(string path) =>
        File.Exists(path) ? [path] : [.. Directory.EnumerateFiles(path, "*.yaml").Concat(Directory.EnumerateFiles(path, "*.yml")).Order(StringComparer.Ordinal)];

    /// <summary>The schema's complaints about a file, each as "path: message"; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string file, out JsonNode? node)
    {
        try
        {
            node = YamlToJson.Convert(File.ReadAllText(file));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            node = null;
            return [$"YAML (line {e.Start.Line}): {e.Message}"];
        }

        return Validate(node);
    }

    public IReadOnlyList<string> Validate(JsonNode? node)
    {
        var result = _schema.Evaluate(JsonSerializer.SerializeToElement(node), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Distinct()
            .DefaultIfEmpty("the file does not match scenario.schema.json")];
    }

    /// <summary>Reads a valid file; throws <see cref="InvalidDataException"/> with the schema's complaints otherwise.</summary>
    public Scenario Load(string file)
    {
        var errors = Validate(file, out var node);
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{file}:\n  " + string.Join("\n  ", errors));
        }

        return Read(node!, file);
    }

    public static Scenario Read(JsonNode node, string? file)
    {
        var copy = node.DeepClone();
        StringifyWith(copy);
        return copy.Deserialize<Scenario>(Json)! with { File = file, Source = node };
    }

    /// <summary>A step's parameters are strings on every platform; YAML may have typed them as numbers or booleans.</summary>
    private static void StringifyWith(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "with" && value is JsonObject with)
                    {
                        foreach (var (key, v) in with.ToList())
                        {
                            with[key] = v is null ? null : JsonValue.Create(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
                        }
                    }
                    else
                    {
                        StringifyWith(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    StringifyWith(item);
                }

                break;
        }
    }
}
