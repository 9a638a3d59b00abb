using System.Globalization;
using System.Net;
using System.Text;

namespace Connectors.Core.Signals.Digest;

/// <summary>
/// One day's signals as a message: calls, outcomes by code, the dispute amounts total, the parked wrap-ups with how to
/// replay each, and every signal against its threshold, flagged when out. HTML with inline styles (mail clients drop
/// style sheets), and the same as plain text.
/// </summary>
public static class DailyDigestRenderer
{
    public static RenderedDigest Render(ContractSignals signals, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var outOfLine = signals.Checks.Count(c => c.Out);
        var calls = signals.Dispositions.EndedCalls;
        var subject = $"Contact-center digest {day:yyyy-MM-dd}: {calls} call{(calls == 1 ? string.Empty : "s")}, " +
            (outOfLine == 0 ? "all signals in line" : $"{outOfLine} signal{(outOfLine == 1 ? string.Empty : "s")} out");
        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;background:#f6f7f9;font-family:Segoe UI,Roboto,Arial,sans-serif;color:#1b1f24\"><main style=\"max-width:720px;margin:0 auto;padding:24px\">")
            .Append("<h1 style=\"font-size:22px;margin:0 0 4px\">Contact-center digest</h1><p style=\"margin:0 0 16px;color:#4a5160\">")
            .Append(day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)).Append(" (UTC)</p>");
        text.AppendLine(subject).AppendLine();

        html.Append("<table role=\"presentation\" style=\"width:100%;border-collapse:separate;border-spacing:8px 0;margin:0 -8px 16px\"><tr>");
        Figure(html, "Calls", signals.Dispositions.EndedCalls.ToString(CultureInfo.InvariantCulture), "digest-calls");
        Figure(html, "Dispositions per call", signals.Dispositions.PerCompletedCall is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : "–", "digest-dispositions-per-call");
        Figure(html, "Disputed amounts", signals.DisputedAmountTotal.ToString("N2", CultureInfo.InvariantCulture), "digest-disputed-total");
        Figure(html, "Parked", signals.Parked.Count.ToString(CultureInfo.InvariantCulture), "digest-parked");
        html.Append("</tr></table>");
        text.AppendLine(CultureInfo.InvariantCulture, $"Calls: {signals.Dispositions.EndedCalls}; dispositions per completed call: {signals.Dispositions.PerCompletedCall?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"}; disputed amounts: {signals.DisputedAmountTotal.ToString("N2", CultureInfo.InvariantCulture)}");

        html.Append(Heading("Outcomes by code")).Append(TableStart("Code", "Calls"));
        text.AppendLine().AppendLine("Outcomes by code:");
        foreach (var (code, count) in signals.Outcomes)
        {
            html.Append(Row(false, E(code), count.ToString(CultureInfo.InvariantCulture)));
            text.AppendLine(CultureInfo.InvariantCulture, $"  {code}: {count}");
        }

        if (signals.Outcomes.Count == 0)
        {
            html.Append(Row(false, "none recorded", string.Empty));
        }

        html.Append("</table>");

        html.Append(Heading("Signals against their thresholds")).Append(TableStart("Signal", "Value", "Threshold", "State"));
        text.AppendLine().AppendLine("Signals against their thresholds:");
        foreach (var check in signals.Checks)
        {
            var value = check.Value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "–";
            html.Append(Row(check.Out, E(check.Signal), value, E(check.Threshold), check.Out ? "OUT" : "ok"));
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(check.Out ? "[OUT]" : "[ok] ")} {check.Signal}: {value} (threshold {check.Threshold})");
        }

        html.Append("</table>");

        html.Append(Heading("Parked wrap-ups"));
        text.AppendLine().AppendLine("Parked wrap-ups:");
        if (signals.Parked.Items.Count == 0)
        {
            html.Append("<p style=\"margin:0 0 16px\">None: every ended call has its disposition or is still wrapping up.</p>");
            text.AppendLine("  none");
        }
        else
        {
            html.Append(TableStart("Call", "Stopped at", "Reason", "Age", "Replay with"));
            foreach (var item in signals.Parked.Items)
            {
                var age = TimeSpan.FromMinutes(item.AgeMinutes);
                var ageText = age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min" : $"{age.Minutes} min";
                html.Append(Row(true, E(item.CallId), E(item.Step), E(item.Reason), ageText, $"<code>{E(item.Replay)}</code>"));
                text.AppendLine(CultureInfo.InvariantCulture, $"  {item.CallId}: stopped at {item.Step} ({item.Reason}), {ageText}; replay: {item.Replay}");
            }

            html.Append("</table>");
        }

        html.Append("<p style=\"color:#4a5160;font-size:12px;margin-top:24px\">Computed from the stored calls by GET /api/signals; the page GET /api/signals/view charts them.</p></main></body></html>");
        return new RenderedDigest(subject, html.ToString(), text.ToString());
    }

    private static void Figure(StringBuilder html, string label, string value, string id) =>
        html.Append("<td style=\"background:#fff;border:1px solid #d5d9e0;border-radius:8px;padding:10px 12px;vertical-align:top\"><div style=\"font-size:12px;color:#4a5160\">")
            .Append(E(label)).Append("</div><div id=\"").Append(id).Append("\" style=\"font-size:24px;font-weight:700\">").Append(E(value)).Append("</div></td>");

    private static string Heading(string text) => $"<h2 style=\"font-size:16px;margin:20px 0 8px\">{E(text)}</h2>";

    private static string TableStart(params string[] headers) =>
        "<table style=\"width:100%;border-collapse:collapse;background:#fff;border:1px solid #d5d9e0;font-size:14px\"><tr>"
        + string.Concat(headers.Select(h => $"<th scope=\"col\" style=\"text-align:left;padding:6px 10px;border-bottom:1px solid #d5d9e0;background:#eef0f3\">{E(h)}</th>"))
        + "</tr>";

    private static string Row(bool flagged, params string[] cells) =>
        (flagged ? "<tr style=\"background:#fdecea;color:#7a1a12;font-weight:600\">" : "<tr>")
        + string.Concat(cells.Select(c => $"<td style=\"padding:6px 10px;border-bottom:1px solid #e3e6eb\">{c}</td>"))
        + "</tr>";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
