using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Hosting;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>The simulator as another process sees it: started from the catalog, driven through /_sim/.</summary>
public sealed class ZendeskSimulatorControlTests
{
    [Fact]
    public async Task The_catalog_starts_the_zendesk_simulator_and_its_control_endpoints_drive_it()
    {
        var servers = await SimulatorCatalog.StartAllAsync([], CancellationToken.None);
        try
        {
            var (_, server) = Assert.Single(servers, s => s.Name == "zendesk");
            using var http = new HttpClient { BaseAddress = server.BaseAddress };

            var unauthenticated = await http.GetAsync(new Uri("api/v2/tickets.json", UriKind.Relative));
            var state = await http.GetFromJsonAsync<JsonObject>(new Uri("_sim/state", UriKind.Relative));
            var log = await http.GetFromJsonAsync<JsonArray>(new Uri("_sim/requests", UriKind.Relative));
            var advanced = await (await http.PostAsync(new Uri("_sim/clock/advance?seconds=7200", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonObject>();
            var faults = await http.PutAsJsonAsync(new Uri("_sim/faults", UriKind.Relative), new FaultProfile { ServerErrorRate = 0.2, Seed = 7 });
            var profile = await http.GetFromJsonAsync<FaultProfile>(new Uri("_sim/faults", UriKind.Relative));
            var cleared = await http.DeleteAsync(new Uri("_sim/requests", UriKind.Relative));

            Assert.Equal(401, (int)unauthenticated.StatusCode);
            Assert.Equal("Couldn't authenticate you", (string?)JsonNode.Parse(await unauthenticated.Content.ReadAsStringAsync())!["error"]);
            Assert.Equal(6, (int)state!["tickets"]!);
            var logged = Assert.Single(log!);
            Assert.Equal((401, "/api/v2/tickets.json"), ((int)logged!["status"]!, (string?)logged["pathAndQuery"]));
            Assert.DoesNotContain("authorization", logged["headers"]!.AsObject().Select(h => h.Key.ToLowerInvariant()));
            Assert.True((DateTimeOffset)advanced!["now"]! - (DateTimeOffset)state["now"]! >= TimeSpan.FromHours(2));
            Assert.True(faults.IsSuccessStatusCode);
            Assert.Equal((0.2, 7), (profile!.ServerErrorRate, profile.Seed));
            Assert.Equal(204, (int)cleared.StatusCode);
        }
        finally
        {
            foreach (var (_, server) in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
