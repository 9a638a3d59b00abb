using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Core.Http;

public static class HttpJsonRegistration
{
    /// <summary>
    /// Every HTTP body, in either host, speaks the JSON of <see cref="Storage.ConnectorsJson"/>: camelCase,
    /// enums as their names (a flow reads <c>"level": "knowledge"</c>, never a number), nulls left out.
    /// </summary>
    public static IServiceCollection AddConnectorsHttpJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
}
