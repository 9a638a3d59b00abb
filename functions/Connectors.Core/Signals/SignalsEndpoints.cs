using Connectors.Core.Http;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Signals;

/// <summary>The contract signals over HTTP: the numbers as JSON, and the page that charts them.</summary>
public static class SignalsEndpoints
{
    public static IEndpointRouteBuilder MapSignalsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(SignalsRoutes.GetSignals, GetAsync);
        endpoints.Map(SignalsRoutes.GetSignalsView, ViewAsync);
        return endpoints;
    }

    /// <summary><c>GET /api/signals?from=&amp;to=</c>: the signals of the calls that ended in the range, computed from the tables.</summary>
    public static async Task<IResult> GetAsync(HttpRequest request, SignalFactsReader reader, DurableTaskClient client, IOptionsMonitor<SignalOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var (from, to) = SignalRange.Parse(request.Query["from"], request.Query["to"], time.GetUtcNow(), options.CurrentValue.MaxRange);
        var signals = await reader.ComputeAsync(client, from, to, cancellationToken);
        return TypedResults.Json(signals, ConnectorsJson.Options);
    }

    /// <summary><c>GET /api/signals/view?from=&amp;to=</c>: one page charting the same numbers (chart.js bundled into the app, no CDN).</summary>
    public static async Task<IResult> ViewAsync(HttpRequest request, SignalFactsReader reader, DurableTaskClient client, IOptionsMonitor<SignalOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var (from, to) = SignalRange.Parse(request.Query["from"], request.Query["to"], time.GetUtcNow(), options.CurrentValue.MaxRange);
        var signals = await reader.ComputeAsync(client, from, to, cancellationToken);
        return TypedResults.Content(SignalsPage.Render(signals), "text/html; charset=utf-8");
    }
}
