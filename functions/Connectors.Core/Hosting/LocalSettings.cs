using System.Text.Json;

namespace Connectors.Core.Hosting;

/// <summary>
/// Reads the "Values" of a Functions <c>local.settings.json</c> as configuration keys, so both hosts
/// read the same file: <c>__</c> becomes the section separator, as in app settings.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";
    public const string SampleFileName = "local.settings.sample.json";

    /// <summary>
    /// Finds <c>local.settings.json</c>, else <c>local.settings.sample.json</c>, in <paramref name="startDirectory"/>
    /// or the nearest folder above it. Null when neither exists.
    /// </summary>
    public static string? Find(string startDirectory)
    {
        foreach (var name in new[] { FileName, SampleFileName })
        {
            for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static IReadOnlyDictionary<string, string?> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return values;
    }
}
