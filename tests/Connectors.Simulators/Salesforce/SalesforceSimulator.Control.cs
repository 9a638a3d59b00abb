using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Simulators.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connectors.Simulators.Salesforce;

/// <summary><c>/_sim/…</c>: the in-process test API over HTTP, for run-local sessions and out-of-process tests.</summary>
public sealed partial class SalesforceSimulator
{
    private void MapControl(WebApplication app)
    {
        app.MapGet("/_sim/requests", () => Results.Json(Requests));
        app.MapDelete("/_sim/requests", () =>
        {
            ClearRequests();
            return Results.NoContent();
        });
        app.MapGet("/_sim/records/{sobject}", (string sobject) => Org.Schema.Type(sobject) is { } type
            ? Results.Json(new JsonObject
            {
                ["count"] = Org.Count(type.Name),
                ["records"] = new JsonArray(Org.Records(type.Name).Select(r => (JsonNode?)ToJson(r)).ToArray()),
            })
            : Results.NotFound());
        app.MapPost("/_sim/records/{sobject}", async (string sobject, HttpContext context) =>
        {
            if (Org.Schema.Type(sobject) is not { } type)
            {
                return Results.NotFound();
            }

            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var values = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetDecimal(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }));
            return Results.Json(new JsonObject { ["id"] = Org.Insert(type.Name, values) }, statusCode: 201);
        });
        app.MapGet("/_sim/settings", () => Results.Json(Settings));
        app.MapPut("/_sim/settings", (SalesforceSimulatorSettings settings) =>
        {
            Settings = settings;
            return Results.Json(Settings);
        });
        app.MapPost("/_sim/clock/advance", (double seconds) =>
        {
            Clock.Advance(TimeSpan.FromSeconds(seconds));
            return Results.Json(new JsonObject { ["now"] = Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) });
        });
        app.MapGet("/_sim/api-usage", () => Results.Json(new JsonObject { ["used"] = ApiUsed, ["limit"] = Settings.DailyApiLimit }));
        app.MapPut("/_sim/api-usage", (long used) =>
        {
            ApiUsed = used;
            return Results.NoContent();
        });
        app.MapPost("/_sim/tokens/revoke", () =>
        {
            Tokens.RevokeAll();
            return Results.NoContent();
        });
        app.MapFaultControl(Faults);
    }

    private static JsonObject ToJson(SalesforceRecord record)
    {
        var json = new JsonObject { ["type"] = record.Type };
        foreach (var (name, value) in record.Fields)
        {
            json[name] = SalesforceValues.ToJson(value);
        }

        return json;
    }
}
