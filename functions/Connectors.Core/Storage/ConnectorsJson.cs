using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Core.Storage;

/// <summary>The one JSON shape used for stored documents and HTTP bodies: camelCase, enums as strings.</summary>
public static class ConnectorsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
