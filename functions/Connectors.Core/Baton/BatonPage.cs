using System.Globalization;
using System.Net;
using System.Text;

namespace Connectors.Core.Baton;

/// <summary>
/// The agent page: one static, script-free HTML document (every value HTML-encoded) that reads at a glance —
/// who, how verified, what they want, how much, then the transcript.
/// </summary>
public static class BatonPage
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static string Render(BatonView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var html = new StringBuilder(4096 + view.Transcript.Sum(t => t.Text.Length + 128));
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Warm transfer: ").Append(E(view.Intent ?? "call")).Append("</title>")
            .Append("<style>body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1b1b1b;max-width:60rem}")
            .Append("h1{font-size:1.4rem;margin:0 0 .5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}")
            .Append("dt{font-weight:600;color:#555}dd{margin:0}.level{display:inline-block;padding:.1rem .5rem;border-radius:.75rem;background:#e3f1e6;font-weight:600}")
            .Append(".level-none{background:#fde2e1}ol{list-style:none;padding:0;border-top:1px solid #ddd}li{padding:.35rem 0;border-bottom:1px solid #eee}")
            .Append(".speaker{font-weight:600;display:inline-block;min-width:4.5rem}.system{color:#777;font-style:italic}</style></head><body>");

        html.Append("<h1 id=\"intent\">").Append(E(view.Intent ?? "No intent recorded")).Append("</h1>");
        html.Append("<dl id=\"facts\">");
        Row(html, "Verification", $"<span id=\"verification-level\" class=\"level level-{E(view.VerificationLevel)}\">{E(view.VerificationLevel)}</span>"
            + (view.VerificationMethods.Count > 0 ? " <span id=\"verification-methods\">" + E(string.Join(", ", view.VerificationMethods)) + "</span>" : string.Empty));
        Row(html, "Account", view.AccountId is null ? "not verified" : $"<span id=\"account-id\">{E(view.AccountId)}</span>");
        foreach (var (name, value) in view.Account)
        {
            Row(html, name, $"<span data-field=\"{E(name)}\">{E(Format(value))}</span>");
        }

        Row(html, "Caller", E(view.Caller ?? "withheld"));
        foreach (var amount in view.Amounts)
        {
            Row(html, "Amount", $"<span class=\"amount\">{E(amount.Value.ToString("0.00", CultureInfo.InvariantCulture))} {E(amount.Currency)}</span> {E(amount.Label)}");
        }

        Row(html, "Transfer", $"v{view.Version.ToString(CultureInfo.InvariantCulture)} to {E(view.Target)} ({E(view.Reason)})");
        if (view.CrmRecordId is not null)
        {
            Row(html, "CRM record", $"{E(view.CrmRecordType ?? "record")} {E(view.CrmRecordId)}");
        }

        html.Append("</dl>");
        if (!string.IsNullOrWhiteSpace(view.Summary))
        {
            html.Append("<h2>Summary</h2><p id=\"summary\">").Append(E(view.Summary)).Append("</p>");
        }

        if (view.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2><ul id=\"notes\">");
            foreach (var note in view.Notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h2>Transcript</h2><ol id=\"transcript\">");
        foreach (var turn in view.Transcript)
        {
            html.Append("<li class=\"").Append(E(turn.Speaker)).Append("\"><span class=\"speaker\">").Append(E(turn.Speaker))
                .Append("</span> ").Append(E(turn.Text)).Append("</li>");
        }

        html.Append("</ol><p><small>Sealed ").Append(E(view.SealedAt.ToString("u", CultureInfo.InvariantCulture)))
            .Append("; this link stops working at ").Append(E(view.ExpiresAt.ToString("u", CultureInfo.InvariantCulture))).Append(".</small></p></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, string valueHtml) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(valueHtml).Append("</dd>");

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } element => element.GetString() ?? string.Empty,
        System.Text.Json.JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
