using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Connectors.Core.Storage;

/// <summary>
/// The OData JSON of an entity. Writes a type annotation on every value JSON cannot carry with its type
/// (Int64, Double, DateTime, Guid, Binary), and reads the annotations that <c>odata=minimalmetadata</c>
/// sends back, so each value returns as the .NET type it was written as.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeAnnotationSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(nameof(TableEntity.PartitionKey), entity.PartitionKey);
        writer.WriteString(nameof(TableEntity.RowKey), entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            WriteProperty(writer, name, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads one entity of a response; <paramref name="etagHeader"/> stands in when the body carries no <c>odata.etag</c>.</summary>
    public static TableEntity Read(JsonElement json, string? etagHeader = null)
    {
        var entity = new TableEntity(
            json.GetProperty(nameof(TableEntity.PartitionKey)).GetString() ?? string.Empty,
            json.GetProperty(nameof(TableEntity.RowKey)).GetString() ?? string.Empty)
        {
            ETag = etagHeader,
        };

        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                entity.ETag = property.Value.GetString();
            }
            else if (name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal)
                || name is nameof(TableEntity.PartitionKey) or nameof(TableEntity.RowKey))
            {
                continue;
            }
            else if (name == nameof(TableEntity.Timestamp))
            {
                entity.Timestamp = ParseDateTime(property.Value.GetString());
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                var type = json.TryGetProperty(name + TypeAnnotationSuffix, out var annotation) ? annotation.GetString() : null;
                entity.Properties[name] = ReadValue(property.Value, type);
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                // Not stored: Replace drops the property, Merge leaves it as it was.
                break;
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                Annotate(writer, name, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                Annotate(writer, name, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case DateTimeOffset dto:
                Annotate(writer, name, "Edm.DateTime");
                writer.WriteString(name, dto.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                break;
            case DateTime dt:
                // An unspecified kind is read as UTC, as TableEntity.GetDateTimeOffset does.
                Annotate(writer, name, "Edm.DateTime");
                var utc = dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc);
                writer.WriteString(name, utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                break;
            case Guid g:
                Annotate(writer, name, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                Annotate(writer, name, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw TableRequestValidator.Refused(TableRequestValidator.UnsupportedPropertyType,
                    $"Property '{name}' is a {value.GetType().Name}, which Table Storage cannot store.");
        }
    }

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType) =>
        writer.WriteString(name + TypeAnnotationSuffix, edmType);

    private static object? ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => value.ValueKind == JsonValueKind.Number ? value.GetInt64() : long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        "Edm.Int32" => value.ValueKind == JsonValueKind.Number ? value.GetInt32() : int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        "Edm.Double" => ReadDouble(value),
        "Edm.DateTime" => ParseDateTime(value.GetString()),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Boolean" => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // JSON numbers without an annotation are Int32, or Double when they have a fraction or exponent.
            JsonValueKind.Number when IsIntegerLiteral(value) && value.TryGetInt32(out var i) => i,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        },
    };

    private static double ReadDouble(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetDouble()
        : value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };

    private static bool IsIntegerLiteral(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0;
    }

    private static DateTimeOffset? ParseDateTime(string? value) =>
        value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
