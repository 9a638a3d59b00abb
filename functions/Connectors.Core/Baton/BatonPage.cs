using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Connectors.Core.Baton;

/// <summary>
/// The agent page, for the five seconds before the human says hello (after how Service Cloud Voice, the Zendesk
/// context panel and Twilio Flex present a transfer): what the caller wants and how much as the headline; who they are
/// and how they proved it; a "Don't ask again" list; the CRM record as a link; the AI's summary and promises; the
/// time-stamped transcript; when the link expires; one-click re-explain feedback. One static, script-free HTML document
/// (every value HTML-encoded) that reads in a 360 px console side panel as well as a full window.
/// </summary>
public static class BatonPage
{
    /// <summary>A note the AI starts with one of these is a promise made to the caller, shown apart from other notes.</summary>
    public static readonly IReadOnlyList<string> PromisePrefixes = ["Promise:", "Promised:"];

    private static readonly IReadOnlyDictionary<string, string> FeedbackLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nothing"] = "Nothing",
        ["identity"] = "Who they are",
        ["reason"] = "Why they called",
        ["account"] = "Account details",
    };

    private const string Style =
        ":root{--ink:#17202a;--muted:#4a5561;--line:#d8dde3;--bg:#f4f6f8;--ok:#0b6b3a;--ok-bg:#e4f4ea;--warn:#8a3b00;--warn-bg:#fdefe3;--accent:#0b5cad}"
        + "*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:var(--bg)}"
        + "main{max-width:52rem;margin:0 auto;padding:.75rem}"
        + "section{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.75rem .9rem;margin:0 0 .6rem}"
        + "h1{font-size:1.35rem;line-height:1.25;margin:.1rem 0 .35rem}h2{font-size:.8rem;letter-spacing:.04em;text-transform:uppercase;color:var(--muted);margin:0 0 .4rem}"
        + ".eyebrow{font-size:.8rem;color:var(--muted);margin:0}.amounts{display:flex;flex-wrap:wrap;gap:.4rem;margin:.2rem 0 0;padding:0;list-style:none}"
        + ".amount{background:#eef3fb;border-radius:.4rem;padding:.2rem .55rem}.amount strong{font-size:1.15rem}"
        + ".verified{display:flex;gap:.5rem;align-items:flex-start;border-radius:.5rem;padding:.55rem .7rem;margin:0 0 .6rem;font-weight:600}"
        + ".verified.ok{background:var(--ok-bg);color:var(--ok);border:1px solid #9fd4b3}.verified.none{background:var(--warn-bg);color:var(--warn);border:1px solid #f0b98c}"
        + ".verified .mark{font-size:1.1rem;line-height:1.3}.dont{margin:0;padding:0;list-style:none}.dont li{padding:.3rem 0 .3rem 1.6rem;position:relative;border-top:1px solid #eef0f2}"
        + ".dont li:first-child{border-top:0}.dont li::before{content:'\\2713';position:absolute;left:.2rem;color:var(--ok);font-weight:700}"
        + ".dont .what{color:var(--muted)}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}"
        + "a{color:var(--accent)}a.crm{display:inline-block;font-weight:600;padding:.35rem .7rem;border:1px solid var(--accent);border-radius:.4rem;text-decoration:none;margin-top:.4rem}"
        + ".promise{border-left:4px solid #c77700;background:#fff7e8;padding:.35rem .6rem;margin:.4rem 0 0}"
        + "ol.transcript{list-style:none;margin:0;padding:0}ol.transcript li{display:grid;grid-template-columns:4.2rem 1fr;gap:.1rem .5rem;padding:.35rem 0;border-top:1px solid #eef0f2}"
        + ".who{font-weight:700;font-size:.85rem}.caller .who{color:#7a2e00}.bot .who{color:#0b5cad}.agent .who{color:#185c37}.system{color:var(--muted);font-style:italic}"
        + "time.at{grid-column:1;font-size:.75rem;color:var(--muted)}.text{grid-column:2;grid-row:1 / span 2;overflow-wrap:anywhere}"
        + "form{display:flex;flex-wrap:wrap;gap:.4rem}button{font:inherit;padding:.4rem .75rem;border-radius:.4rem;border:1px solid #8895a2;background:#fff;color:var(--ink);cursor:pointer;min-height:2.25rem}"
        + "button:hover,button:focus{border-color:var(--accent);outline:2px solid transparent;box-shadow:0 0 0 2px #9cc3ec}.thanks{color:var(--ok);font-weight:600;margin:0}"
        + "footer{font-size:.8rem;color:var(--muted);padding:0 .2rem .8rem}"
        + "@media (min-width:46rem){.cols{display:grid;grid-template-columns:1fr 1fr;gap:.6rem}.cols section{margin:0 0 .6rem}}";

    /// <summary>The page's policy: nothing loads; forms post only back here; only <paramref name="frameAncestors"/> (the CRM consoles) may frame it.</summary>
    public static string ContentSecurityPolicy(IReadOnlyCollection<string> frameAncestors)
    {
        ArgumentNullException.ThrowIfNull(frameAncestors);
        var ancestors = frameAncestors.Count == 0 ? "'none'" : string.Join(' ', frameAncestors.Select(o => new Uri(o).GetLeftPart(UriPartial.Authority)));
        return $"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; frame-ancestors {ancestors}; base-uri 'none'";
    }

    public static string Render(BatonView view, BatonPageContext page)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(page);
        var html = new StringBuilder(8192 + view.Transcript.Sum(t => t.Text.Length + 160));
        var headline = view.Intent is { Length: > 0 } intent ? Sentence(intent) : Sentence(view.Reason.Replace('-', ' '));
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Transfer: ").Append(E(headline)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body><main>");

        // Headline: what they want and how much.
        html.Append("<header><section id=\"headline\"><p class=\"eyebrow\">Warm transfer to ").Append(E(view.Target)).Append(" &middot; ")
            .Append(E(view.Reason)).Append("</p><h1 id=\"intent\">").Append(E(headline)).Append("</h1>");
        if (view.Amounts.Count > 0)
        {
            html.Append("<ul class=\"amounts\" id=\"amounts\" aria-label=\"Amounts\">");
            foreach (var amount in view.Amounts)
            {
                html.Append("<li class=\"amount\"><strong>").Append(E(Money(amount))).Append("</strong> ").Append(E(amount.Label)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section></header>");
        Verified(html, view);

        html.Append("<div class=\"cols\">");
        DontAskAgain(html, view);
        Customer(html, view, page);
        html.Append("</div>");

        Summary(html, view);
        Feedback(html, page);
        Transcript(html, view);

        html.Append("<footer id=\"expiry\">This link stops working at <time datetime=\"").Append(E(Iso(view.ExpiresAt))).Append("\">")
            .Append(E(Clock(view.ExpiresAt))).Append(" UTC</time> (").Append(E(Remaining(view.ExpiresAt - page.Now))).Append("). Sealed at ")
            .Append(E(Clock(view.SealedAt))).Append(" UTC, version ").Append(view.Version.ToString(CultureInfo.InvariantCulture)).Append(".</footer>");
        html.Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>"Verified: card last four + ZIP at 10:42 (knowledge)", or a plain warning when nothing was proven.</summary>
    private static void Verified(StringBuilder html, BatonView view)
    {
        if (view.Verifications.Count == 0)
        {
            html.Append("<p id=\"verified\" class=\"verified none\" data-level=\"none\"><span class=\"mark\" aria-hidden=\"true\">!</span><span>Not verified: confirm who the caller is before sharing account details.</span></p>");
            return;
        }

        html.Append("<p id=\"verified\" class=\"verified ok\" data-level=\"").Append(E(view.VerificationLevel)).Append("\"><span class=\"mark\" aria-hidden=\"true\">&#10003;</span><span>Verified: ");
        html.AppendJoin("; ", view.Verifications.Select(v => $"{E(Proved(v.Method))} at <time datetime=\"{E(Iso(v.At))}\">{E(Clock(v.At))}</time> ({E(v.Level)})"));
        html.Append("</span></p>");
    }

    /// <summary>What the caller already gave or proved, so the human does not ask for it again.</summary>
    private static void DontAskAgain(StringBuilder html, BatonView view)
    {
        var items = new List<(string What, string Detail)>();
        if (view.AccountId is not null)
        {
            var name = Field(view, "displayName");
            items.Add(("Who they are", name is null ? $"account {view.AccountId}" : $"{name}, account {view.AccountId}"));
        }

        items.AddRange(view.Verifications.Select(v => (Proved(v.Method), "proven at " + Clock(v.At) + " UTC")));
        if (view.Intent is { Length: > 0 })
        {
            items.Add(("Why they called", view.Intent));
        }

        items.AddRange(view.Amounts.Select(a => ("The amount", $"{Money(a)} {a.Label}".Trim())));
        if (view.Caller is not null)
        {
            items.Add(("Their number", view.Caller));
        }

        html.Append("<section id=\"dont-ask\" aria-labelledby=\"dont-ask-title\"><h2 id=\"dont-ask-title\">Don't ask again</h2>");
        if (items.Count == 0)
        {
            html.Append("<p>The caller has given nothing yet.</p></section>");
            return;
        }

        html.Append("<ul class=\"dont\">");
        foreach (var (what, detail) in items)
        {
            html.Append("<li><strong>").Append(E(what)).Append("</strong> <span class=\"what\">").Append(E(detail)).Append("</span></li>");
        }

        html.Append("</ul></section>");
    }

    private static void Customer(StringBuilder html, BatonView view, BatonPageContext page)
    {
        html.Append("<section id=\"customer\" aria-labelledby=\"customer-title\"><h2 id=\"customer-title\">Customer</h2><dl>");
        Row(html, "Account", view.AccountId is null ? "not verified" : $"<span id=\"account-id\">{E(view.AccountId)}</span>");
        foreach (var (name, value) in view.Account)
        {
            if (name is "displayName" or "accountId")
            {
                continue;
            }

            Row(html, Label(name), $"<span data-field=\"{E(name)}\">{E(Format(value))}</span>");
        }

        Row(html, "Caller", E(view.Caller ?? "number withheld"));
        if (view.CrmRecordId is not null)
        {
            Row(html, "CRM record", $"{E(view.CrmRecordType ?? "record")} {E(view.CrmRecordId)}");
        }

        html.Append("</dl>");
        if (page.CrmRecordUrl is { } url)
        {
            html.Append("<a id=\"crm-link\" class=\"crm\" href=\"").Append(E(url.AbsoluteUri)).Append("\" target=\"_blank\" rel=\"noopener noreferrer\">Open ")
                .Append(E(view.CrmRecordType ?? "record")).Append(" in the CRM</a>");
        }

        html.Append("</section>");
    }

    private static void Summary(StringBuilder html, BatonView view)
    {
        var promises = view.Notes.Where(IsPromise).ToList();
        var notes = view.Notes.Where(n => !IsPromise(n)).ToList();
        if (string.IsNullOrWhiteSpace(view.Summary) && view.Notes.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"ai\" aria-labelledby=\"ai-title\"><h2 id=\"ai-title\">What the AI found</h2>");
        if (!string.IsNullOrWhiteSpace(view.Summary))
        {
            html.Append("<p id=\"summary\">").Append(E(view.Summary)).Append("</p>");
        }

        foreach (var promise in promises)
        {
            html.Append("<p class=\"promise\"><strong>Promised:</strong> ").Append(E(StripPromise(promise))).Append("</p>");
        }

        if (notes.Count > 0)
        {
            html.Append("<ul id=\"notes\">");
            foreach (var note in notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section>");
    }

    private static void Feedback(StringBuilder html, BatonPageContext page)
    {
        html.Append("<section id=\"feedback\" aria-labelledby=\"feedback-title\"><h2 id=\"feedback-title\">Did the caller have to repeat anything?</h2>");
        if (page.FeedbackGiven is { } given)
        {
            html.Append("<p class=\"thanks\" id=\"feedback-recorded\" data-repeated=\"").Append(E(given)).Append("\">Thanks, recorded: ")
                .Append(E(FeedbackLabels.TryGetValue(given, out var label) ? label : given)).Append(".</p></section>");
            return;
        }

        html.Append("<form method=\"post\" action=\"feedback\">");
        foreach (var (value, label) in FeedbackLabels)
        {
            html.Append("<button type=\"submit\" name=\"repeated\" value=\"").Append(E(value)).Append("\">").Append(E(label)).Append("</button>");
        }

        html.Append("</form></section>");
    }

    private static void Transcript(StringBuilder html, BatonView view)
    {
        html.Append("<section aria-labelledby=\"transcript-title\"><h2 id=\"transcript-title\">Transcript</h2><ol class=\"transcript\" id=\"transcript\">");
        foreach (var turn in view.Transcript)
        {
            html.Append("<li class=\"").Append(E(turn.Speaker)).Append("\"><span class=\"who\">").Append(E(Speaker(turn.Speaker)))
                .Append("</span><time class=\"at\" datetime=\"").Append(E(Iso(turn.At))).Append("\">").Append(E(Clock(turn.At, seconds: true)))
                .Append("</time><span class=\"text\">").Append(E(turn.Text)).Append("</span></li>");
        }

        html.Append("</ol></section>");
    }

    private static string Speaker(string speaker) => speaker switch
    {
        "caller" => "Caller",
        "bot" => "AI",
        "agent" => "Agent",
        _ => "System",
    };

    /// <summary>How an agent names a proof: knowledgeCheck → "Card last four + ZIP".</summary>
    private static string Proved(string method) => method switch
    {
        "knowledgeCheck" => "Card last four + ZIP",
        "smsPasscode" => "Passcode sent by SMS",
        "emailPasscode" => "Passcode sent by email",
        "voiceBiometric" => "Voice match",
        _ => method,
    };

    private static string Label(string field) => field switch
    {
        "balance" => "Balance",
        "currency" => "Currency",
        "contactId" => "Contact",
        "mobileE164" => "Mobile",
        "email" => "Email",
        "accountNumber" => "Account number",
        "openCases" => "Open cases",
        "recentContacts" => "Recent contacts",
        _ => field,
    };

    private static string? Field(BatonView view, string name) =>
        view.Account.TryGetValue(name, out var value) && value is not null && Format(value) is { Length: > 0 } text ? text : null;

    private static bool IsPromise(string note) => PromisePrefixes.Any(p => note.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static string StripPromise(string note) =>
        PromisePrefixes.FirstOrDefault(p => note.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix ? note[prefix.Length..].Trim() : note;

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Money(BatonAmount amount)
    {
        var value = amount.Value.ToString("#,0.00", CultureInfo.InvariantCulture);
        return amount.Currency switch
        {
            "USD" => "$" + value,
            "EUR" => "€" + value,
            "GBP" => "£" + value,
            _ => value + " " + amount.Currency,
        };
    }

    private static string Clock(DateTimeOffset at, bool seconds = false) =>
        at.UtcDateTime.ToString(seconds ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Remaining(TimeSpan left) => left <= TimeSpan.Zero
        ? "expired"
        : left.TotalMinutes < 60
            ? $"in {Math.Max(1, (int)left.TotalMinutes)} min"
            : $"in {(int)left.TotalHours} h {left.Minutes} min";

    private static void Row(StringBuilder html, string label, string valueHtml) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(valueHtml).Append("</dd>");

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
