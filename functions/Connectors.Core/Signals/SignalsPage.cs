using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Connectors.Core.Storage;

namespace Connectors.Core.Signals;

/// <summary>
/// The signals page: the headline numbers as text (what a screen reader and the tests read), the four charts
/// (dispositions per call over time against 1.0, lookup p99 against the turn budget, pass rate by method, edit
/// rate), the checks and the parked list. chart.js is embedded in this assembly at build time from the pinned
/// tools/signals-page package and inlined, so the page loads nothing from anywhere else.
/// </summary>
public static class SignalsPage
{
    /// <summary>The manifest name of the embedded chart.js (Connectors.Core.csproj).</summary>
    public const string ChartScriptResource = "Connectors.Core.Signals.chart.umd.min.js";

    private static readonly Lazy<string> ChartScript = new(() =>
    {
        using var stream = typeof(SignalsPage).Assembly.GetManifestResourceStream(ChartScriptResource)
            ?? throw new InvalidOperationException($"{ChartScriptResource} is not embedded; the build installs tools/signals-page (npm ci) to embed it.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static string Render(ContractSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var data = JsonSerializer.Serialize(signals, ConnectorsJson.Options);
        var html = new StringBuilder(ChartScript.Value.Length + 16_384);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\"><title>Contract signals</title><style>").Append(Style).Append("</style></head><body><main>")
            .Append("<h1>Contract signals</h1><p class=\"range\">Calls that ended from <time id=\"range-from\">").Append(E(signals.From.ToString("u", CultureInfo.InvariantCulture)))
            .Append("</time> to <time id=\"range-to\">").Append(E(signals.To.ToString("u", CultureInfo.InvariantCulture))).Append("</time></p>");

        html.Append("<section aria-labelledby=\"headline\"><h2 id=\"headline\">Headline</h2><dl class=\"tiles\">");
        Tile(html, "dispositions-per-call", "Dispositions per completed call", Num(signals.Dispositions.PerCompletedCall, "0.00"), "target 1.00", signals.Checks[0].Out);
        Tile(html, "parked-count", "Parked wrap-ups", signals.Parked.Count.ToString(CultureInfo.InvariantCulture), "waiting for replay", signals.Parked.Count > 0);
        Tile(html, "lookup-p99", "CRM lookup p99", Num(signals.Lookup.P99Ms, "0") + " ms", $"budget {signals.Lookup.TurnBudgetMs:0} ms", signals.Lookup.P99Ms > signals.Lookup.TurnBudgetMs);
        Tile(html, "edit-rate", "Disposition edit rate", Pct(signals.Edits.EditRate), signals.Edits.RubberStampWarning ? "near zero: rubber-stamping?" : $"{signals.Edits.HumanConfirmations} human confirmations", signals.Edits.RubberStampWarning);
        Tile(html, "completed-calls", "Completed calls", signals.Dispositions.CompletedCalls.ToString(CultureInfo.InvariantCulture), $"{signals.Dispositions.InFlight} still wrapping up", false);
        Tile(html, "baton-completeness", "Baton completeness", Pct(signals.Batons.Completeness), $"{signals.Batons.Transfers} transfers", false);
        html.Append("</dl></section>");

        html.Append("<section aria-labelledby=\"charts\"><h2 id=\"charts\">Charts</h2><div class=\"charts\">");
        Chart(html, "chart-dispositions", "Dispositions per completed call, by day, against 1.0");
        Chart(html, "chart-lookup", "CRM lookup p99 by day, against the turn budget");
        Chart(html, "chart-auth", "Authentication pass rate by method");
        Chart(html, "chart-edits", "Disposition edit rate by day");
        html.Append("</div></section>");

        html.Append("<section aria-labelledby=\"checks\"><h2 id=\"checks\">Against their thresholds</h2><table><thead><tr><th scope=\"col\">Signal</th><th scope=\"col\">Value</th><th scope=\"col\">Threshold</th><th scope=\"col\">State</th></tr></thead><tbody>");
        foreach (var check in signals.Checks)
        {
            html.Append("<tr").Append(check.Out ? " class=\"out\"" : string.Empty).Append("><td>").Append(E(check.Signal)).Append("</td><td>").Append(Num(check.Value, "0.####"))
                .Append("</td><td>").Append(E(check.Threshold)).Append("</td><td>").Append(check.Out ? "out" : "ok").Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");
        html.Append("<section aria-labelledby=\"parked\"><h2 id=\"parked\">Parked wrap-ups</h2>");
        if (signals.Parked.Items.Count == 0)
        {
            html.Append("<p>None.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">Call</th><th scope=\"col\">Step</th><th scope=\"col\">Reason</th><th scope=\"col\">Age (min)</th><th scope=\"col\">Replay</th></tr></thead><tbody>");
            foreach (var p in signals.Parked.Items)
            {
                html.Append("<tr><td>").Append(E(p.CallId)).Append("</td><td>").Append(E(p.Step)).Append("</td><td>").Append(E(p.Reason)).Append("</td><td>")
                    .Append(p.AgeMinutes.ToString("0.#", CultureInfo.InvariantCulture)).Append("</td><td><code>").Append(E(p.Replay)).Append("</code></td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section><p class=\"cost\">Read ").Append(signals.Cost.Days).Append(" day partitions and ").Append(signals.Cost.Calls).Append(" calls")
            .Append(signals.Cost.Truncated ? " (truncated at Signals:MaxCalls)" : string.Empty).Append(".</p></main>");
        html.Append("<script type=\"application/json\" id=\"signals-data\">").Append(data).Append("</script><script>").Append(ChartScript.Value).Append("</script><script>").Append(Script).Append("</script></body></html>");
        return html.ToString();
    }

    private static void Tile(StringBuilder html, string id, string label, string value, string note, bool warn) =>
        html.Append("<div class=\"tile").Append(warn ? " warn" : string.Empty).Append("\"><dt>").Append(E(label)).Append("</dt><dd id=\"").Append(id).Append("\">").Append(E(value))
            .Append("</dd><dd class=\"note\">").Append(E(note)).Append("</dd></div>");

    private static void Chart(StringBuilder html, string id, string title) =>
        html.Append("<figure><figcaption>").Append(E(title)).Append("</figcaption><div class=\"plot\"><canvas id=\"").Append(id).Append("\" role=\"img\" aria-label=\"").Append(E(title)).Append("\"></canvas></div></figure>");

    private static string Num(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Pct(double? value) => value is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private const string Style = """
        :root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
        main{max-width:1200px;margin:0 auto;padding:24px}
        h1{margin:0 0 4px;font-size:26px}h2{font-size:18px;margin:28px 0 12px}
        .range,.cost{color:#4a5160;margin:0}
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:0}
        .tile{background:#fff;border:1px solid #d5d9e0;border-left:6px solid #1f7a4d;border-radius:8px;padding:12px 14px}
        .tile.warn{border-left-color:#b42318}
        .tile dt{font-size:13px;color:#4a5160}.tile dd{margin:4px 0 0;font-size:28px;font-weight:700}.tile dd.note{font-size:12px;font-weight:400;color:#4a5160}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px}
        figure{margin:0;background:#fff;border:1px solid #d5d9e0;border-radius:8px;padding:12px}
        figcaption{font-weight:600;margin-bottom:8px}
        .plot{position:relative;height:240px}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d5d9e0}
        th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e3e6eb;font-size:14px}
        tr.out td{background:#fdecea;color:#7a1a12;font-weight:600}
        code{font-size:13px}
        """;

    private const string Script = """
        (function(){
          var s = JSON.parse(document.getElementById('signals-data').textContent);
          var days = (s.days || []).map(function(d){ return d.day; });
          var budget = s.lookup.turnBudgetMs;
          Chart.defaults.animation = false;
          Chart.defaults.font.size = 13;
          // A reference (target 1.0, the turn budget) is drawn across the whole plot, so it shows even for a single day.
          var reference = { id: 'reference', afterDatasetsDraw: function (chart) {
            chart.data.datasets.forEach(function (d) {
              if (d.reference === undefined) { return; }
              var y = chart.scales.y.getPixelForValue(d.reference), ctx = chart.ctx, area = chart.chartArea;
              ctx.save(); ctx.strokeStyle = d.borderColor; ctx.lineWidth = 2; ctx.setLineDash([6, 4]);
              ctx.beginPath(); ctx.moveTo(area.left, y); ctx.lineTo(area.right, y); ctx.stroke(); ctx.restore();
            });
          } };
          function line(id, datasets, yOptions){
            new Chart(document.getElementById(id), { type: 'line', data: { labels: days, datasets: datasets }, plugins: [reference],
              options: { responsive: true, maintainAspectRatio: false, spanGaps: true, scales: { x: { offset: true }, y: yOptions }, plugins: { legend: { position: 'bottom' } } } });
          }
          line('chart-dispositions', [
            { label: 'dispositions per call', data: s.days.map(function(d){ return d.perCompletedCall ?? null; }), borderColor: '#1f5fa8', backgroundColor: '#1f5fa8', pointRadius: 5 },
            { label: 'target 1.0', reference: 1, data: days.map(function(){ return null; }), borderColor: '#1f7a4d', backgroundColor: '#1f7a4d', borderDash: [6,4], pointRadius: 0 }
          ], { suggestedMin: 0, suggestedMax: 1.5 });
          line('chart-lookup', [
            { label: 'lookup p99 (ms)', data: s.days.map(function(d){ return d.lookupP99Ms ?? null; }), borderColor: '#7a3ea8', backgroundColor: '#7a3ea8', pointRadius: 5 },
            { label: 'turn budget (' + budget + ' ms)', reference: budget, data: days.map(function(){ return null; }), borderColor: '#b42318', backgroundColor: '#b42318', borderDash: [6,4], pointRadius: 0 }
          ], { suggestedMin: 0, suggestedMax: budget * 1.25 });
          var methods = s.auth.methods || [];
          new Chart(document.getElementById('chart-auth'), { type: 'bar',
            data: { labels: methods.map(function(m){ return m.method; }), datasets: [
              { label: 'passed', data: methods.map(function(m){ return m.passed; }), backgroundColor: '#1f7a4d' },
              { label: 'ended locked out', data: methods.map(function(m){ return m.endedLockedOut; }), backgroundColor: '#b42318' },
              { label: 'other', data: methods.map(function(m){ return m.calls - m.passed - m.endedLockedOut; }), backgroundColor: '#8a93a3' } ] },
            options: { responsive: true, maintainAspectRatio: false, datasets: { bar: { maxBarThickness: 90 } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: 'bottom' } } } });
          line('chart-edits', [
            { label: 'edit rate', data: s.days.map(function(d){ return d.editRate ?? null; }), borderColor: '#a85a1f', backgroundColor: '#a85a1f', pointRadius: 5 }
          ], { min: 0, suggestedMax: 0.5 });
        })();
        """;
}
