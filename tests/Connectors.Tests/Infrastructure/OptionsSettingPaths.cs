using System.Reflection;
using Connectors.Core.Crm.Resilience;
using Connectors.Core.Crm.Zendesk;
using Connectors.Core.Storage;
using Connectors.LocalHost.Queues;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// Resolves an app setting name (<c>Sms__Twilio__AuthToken</c>, <c>Biometrics__Vendors__${vendor.name}__Secret</c>)
/// to the Core options property it binds, the way configuration binding walks it: the longest known section,
/// then properties, dictionary keys and array indices. A name that binds nothing is a setting the app ignores.
/// </summary>
internal static class OptionsSettingPaths
{
    /// <summary>Words that make a string setting a secret: it may only come from Key Vault.</summary>
    private static readonly string[] SecretWords = ["Secret", "Token", "Key", "Password", "ConnectionString"];

    /// <summary>Every options section Core binds: each options class's SectionName, plus named options bound elsewhere.</summary>
    public static IReadOnlyDictionary<string, Type> Sections { get; } = FindSections();

    /// <summary>The property path the setting binds, with dictionary keys and indices as <c>*</c>; null with a reason when it binds nothing.</summary>
    public static (string? Path, PropertyInfo? Leaf, string? Error) Resolve(string setting)
    {
        var segments = setting.Split("__");
        for (var length = segments.Length - 1; length >= 1; length--)
        {
            var section = string.Join(':', segments[..length]);
            if (Sections.TryGetValue(section, out var type))
            {
                return Walk(section, type, segments[length..]);
            }
        }

        return (null, null, $"{setting} names no Core options section.");
    }

    /// <summary>A string property whose name says it holds a secret.</summary>
    public static bool IsSecret(PropertyInfo property) =>
        property.PropertyType == typeof(string) && SecretWords.Any(word => property.Name.Contains(word, StringComparison.Ordinal));

    /// <summary>Every secret property of every Core options section (what a deployment reads), as a path with dictionary keys as <c>*</c>.</summary>
    public static IReadOnlySet<string> AllSecretPaths()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (section, type) in Sections.Where(s => s.Value.Assembly == typeof(StorageOptions).Assembly))
        {
            Collect(section, type, paths, depth: 0);
        }

        return paths;
    }

    private static (string? Path, PropertyInfo? Leaf, string? Error) Walk(string section, Type type, string[] rest)
    {
        var path = section;
        PropertyInfo? leaf = null;
        foreach (var segment in rest)
        {
            if (ElementType(type, out var keyed) is { } element)
            {
                if (!keyed && !segment.All(char.IsAsciiDigit) && !segment.StartsWith("${", StringComparison.Ordinal))
                {
                    return (null, null, $"{path} is a list: '{segment}' is not an index.");
                }

                path += ":*";
                type = element;
                continue;
            }

            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                return (null, null, $"{type.Name} ({path}) has no settable property '{segment}'.");
            }

            leaf = property;
            path += ":" + property.Name;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return leaf is not null && IsScalar(type)
            ? (path, leaf, null)
            : (null, null, $"{path} is not a single value the app binds from one setting.");
    }

    private static void Collect(string path, Type type, SortedSet<string> paths, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var propertyType = property.PropertyType;
            if (IsSecret(property))
            {
                paths.Add($"{path}:{property.Name}");
            }
            else if (ElementType(propertyType, out _) is { } element && IsOptionsType(element))
            {
                Collect($"{path}:{property.Name}:*", element, paths, depth + 1);
            }
            else if (IsOptionsType(propertyType))
            {
                Collect($"{path}:{property.Name}", propertyType, paths, depth + 1);
            }
        }
    }

    private static Type? ElementType(Type type, out bool keyed)
    {
        keyed = false;
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            keyed = true;
            return type.GetGenericArguments()[1];
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
    }

    private static bool IsOptionsType(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Connectors.", StringComparison.Ordinal) == true;

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Uri) || type == typeof(TimeSpan) || type == typeof(decimal);

    private static Dictionary<string, Type> FindSections()
    {
        // Core's options, and LocalHost's own (its in-process queue adapter reads InProcessQueue).
        var sections = new[] { typeof(StorageOptions).Assembly, typeof(InProcessQueueOptions).Assembly }.SelectMany(assembly => assembly.GetTypes())
            .Select(type => (type, field: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(pair => pair.field is { IsLiteral: true })
            .ToDictionary(pair => (string)pair.field!.GetRawConstantValue()!, pair => pair.type, StringComparer.OrdinalIgnoreCase);
        return sections;
    }
}
