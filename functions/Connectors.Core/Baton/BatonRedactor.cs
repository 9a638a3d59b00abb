using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.Core.Baton;

/// <summary>
/// Takes card data and one-time codes out of baton text before anything is stored, for numbers as people say and type
/// them (see <see cref="DigitRunReader"/>: full-width digits, words, tens, fillers, dots and slashes between groups).
/// <list type="bullet">
/// <item>Any run of 15 or more digits goes, anywhere, Luhn-valid or not; so does any Luhn-valid stretch of 13 to 19.</item>
/// <item>In a card context (the turn, or the turn before it, speaks of a card), any run of 13 or more digits goes, as do
/// expiry dates (04/27, "April twenty-seven", or a month and year where expiry is mentioned) and a 3–4 digit security
/// code after a card or expiry.</item>
/// <item>Where a turn (or the one before it) asks for a code, PIN or CVV, every run of 3 to 8 digits in it goes.</item>
/// <item>A caller's number split across turns (or appends) is read as one: the trailing run of the previous caller
/// turn is carried into the next caller turn that starts with digits, and both parts go when together they are a card.</item>
/// </list>
/// Ordinary numbers (amounts, dates, ZIP codes, phone numbers) stay.
/// </summary>
public static partial class BatonRedactor
{
    public const string CardMarker = "[card number redacted]";
    public const string CodeMarker = "[code redacted]";
    public const string ExpiryMarker = "[expiry redacted]";

    private const string Caller = "caller";

    /// <summary>Redacts one transcript's turns in order; <paramref name="previousText"/> is the stored turn before the first. Every turn counts as the caller's.</summary>
    public static IReadOnlyList<string> RedactTurns(IReadOnlyList<string> texts, string? previousText)
    {
        ArgumentNullException.ThrowIfNull(texts);
        IReadOnlyList<BatonTurn> before = previousText is null ? [] : [new BatonTurn(Caller, previousText, default)];
        return RedactTurns([.. texts.Select(t => (Caller, t))], before).Texts;
    }

    /// <summary>
    /// Redacts new turns (speaker, text) appended after <paramref name="stored"/> (already redacted). The answer may also
    /// rewrite the last stored caller turn, when its trailing digits and the new turns' leading ones are one card number.
    /// </summary>
    public static BatonRedaction RedactTurns(IReadOnlyList<(string Speaker, string Text)> turns, IReadOnlyList<BatonTurn> stored)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(stored);

        // Texts of the stored turn (index -1) and the new ones; masks are collected on the original texts and applied at the end.
        var lastStoredCaller = LastIndex(stored, t => t.Speaker == Caller);
        var storedText = lastStoredCaller >= 0 ? stored[lastStoredCaller].Text : null;
        var masks = new List<Mask>[turns.Count + 1];
        for (var i = 0; i < masks.Length; i++)
        {
            masks[i] = [];
        }

        var previous = stored.Count > 0 ? stored[^1].Text : null;
        var carry = storedText is null ? null : Carry.From(-1, storedText, Context.Read(storedText, null), masks: []);
        for (var i = 0; i < turns.Count; i++)
        {
            var (speaker, text) = turns[i];
            var context = Context.Read(text, previous);
            var runs = DigitRunReader.Read(text);
            var isCaller = string.Equals(speaker, Caller, StringComparison.OrdinalIgnoreCase);
            var first = 0;
            // Only a number begun in a card context carries: a phone number before the answer to "the expiry?" is no card's start.
            if (isCaller && carry is { Card: true } && runs.Count > 0 && DigitRunReader.IsSeparator(text.AsSpan(0, runs[0].Start)) && carry.Joins(runs[0].Digits))
            {
                var joined = carry.Digits + runs[0].Digits;
                if (Classify(joined, context.Card || carry.Card) == CardMarker)
                {
                    masks[i + 1].Add(new Mask(runs[0].Start, runs[0].End, CardMarker));
                    foreach (var (turn, start, end) in carry.Parts)
                    {
                        masks[turn + 1].Add(new Mask(start, end, CardMarker));
                    }

                    first = 1;
                }
            }

            masks[i + 1].AddRange(MasksOf(text, runs, first, context));
            if (isCaller)
            {
                // A turn that is one unmasked run carries on the chain ("4242" … "4242" … "4242 4242"); else the chain restarts here.
                carry = carry is not null && first == 0 && runs.Count == 1 && DigitRunReader.IsSeparator(text.AsSpan(0, runs[0].Start))
                    && masks[i + 1].Count == 0 && DigitRunReader.IsSeparator(text.AsSpan(runs[0].End))
                    ? carry.Extend(i, runs[0], context.Card)
                    : Carry.From(i, text, context, masks[i + 1]);
            }

            previous = text;
        }

        var texts = new string[turns.Count];
        for (var i = 0; i < turns.Count; i++)
        {
            texts[i] = Apply(turns[i].Text, masks[i + 1]);
        }

        return new BatonRedaction(texts, masks[0].Count > 0 ? lastStoredCaller : null, masks[0].Count > 0 ? Apply(storedText!, masks[0]) : null);
    }

    /// <summary>
    /// Masks card numbers alone (15 or more digits, or 13 or more with a Luhn-valid stretch), for structured payloads: a
    /// first answer kept for retries, a CRM write's body. Their words ("code", dates, record ids) are not a caller's turn,
    /// so they make no card or code context there.
    /// </summary>
    public static string RedactCardNumbers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masks = Runs(text).Where(r => Classify(r.Digits, cardContext: false) is not null).Select(r => new Mask(r.Start, r.End, CardMarker)).ToList();
        return masks.Count == 0 ? text : Apply(text, masks);
    }

    /// <summary>Redacts card data in one text, and codes too when <paramref name="codeContext"/>.</summary>
    public static string Redact(string text, bool codeContext = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var context = Context.Read(text, null);
        var runs = DigitRunReader.Read(text);
        return runs.Count == 0 ? text : Apply(text, MasksOf(text, runs, 0, context with { Code = context.Code || codeContext }));
    }

    /// <summary>True when a turn asks for (or gives) a one-time code, PIN or card security code.</summary>
    public static bool AsksForCode(string text) => CodeContext().IsMatch(text);

    /// <summary>True when a turn speaks of a payment card.</summary>
    public static bool SpeaksOfCard(string text) => CardContext().IsMatch(text);

    /// <summary>True when some 13 to 19 consecutive digits of <paramref name="digits"/> pass the Luhn check.</summary>
    public static bool HasLuhnStretch(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        for (var length = 13; length <= Math.Min(19, digits.Length); length++)
        {
            for (var start = 0; start + length <= digits.Length; start++)
            {
                if (IsLuhnValid(digits.AsSpan(start, length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    /// <summary>Runs of digit tokens as <see cref="DigitRunReader"/> reads them.</summary>
    internal static IReadOnlyList<DigitRun> Runs(string text) => DigitRunReader.Read(text);

    /// <summary>The card marker for a card-length run, else null.</summary>
    private static string? Classify(string digits, bool cardContext) =>
        digits.Length >= 15 || (digits.Length >= 13 && (cardContext || HasLuhnStretch(digits))) ? CardMarker : null;

    private static List<Mask> MasksOf(string text, IReadOnlyList<DigitRun> runs, int first, Context context)
    {
        var masks = new List<Mask>();
        var afterCard = first > 0;
        for (var r = first; r < runs.Count; r++)
        {
            var run = runs[r];
            if (Classify(run.Digits, context.Card) is { } card)
            {
                masks.Add(new Mask(run.Start, run.End, card));
                afterCard = true;
            }
            else if (context.Card && ExpiryStart(text, run, context) is { } start)
            {
                masks.Add(new Mask(start, run.End, ExpiryMarker));
                afterCard = true;
            }
            else if (context.Code && run.Digits.Length is >= 3 and <= 8)
            {
                masks.Add(new Mask(run.Start, run.End, CodeMarker));
            }
            else if (context.Card && afterCard && run.Digits.Length is >= 3 and <= 10 && !IsAmount(text, run)
                && CardDetailGap().IsMatch(text.AsSpan(GapStart(masks, runs, first), run.Start - GapStart(masks, runs, first))))
            {
                // The security code (or expiry and code run together, up to 6 + 4 digits) that follows a card number in the same breath.
                masks.Add(new Mask(run.Start, run.End, CodeMarker));
            }
        }

        return masks;
    }

    /// <summary>Where the text after the last masked card number or expiry starts.</summary>
    private static int GapStart(List<Mask> masks, IReadOnlyList<DigitRun> runs, int first) =>
        masks.Count > 0 ? masks[^1].End : first > 0 ? runs[0].End : 0;

    /// <summary>Where an expiry date that ends with <paramref name="run"/> starts (a month name before it counts), or null.</summary>
    private static int? ExpiryStart(string text, DigitRun run, Context context)
    {
        if (IsAmount(text, run) || LastFour().IsMatch(text.AsSpan(0, run.Start)))
        {
            return null;
        }

        var month = MonthBefore().Match(text[..run.Start]);
        if (month.Success && run.Digits.Length is 2 or 4)
        {
            return month.Index;
        }

        // 04/27, 4/27, 04/2027 as written; a bare month and year (0427, "oh four twenty-seven") only where expiry is spoken of.
        if (SlashedExpiry().IsMatch(text.AsSpan(run.Start, run.End - run.Start)))
        {
            return run.Start;
        }

        var d = run.Digits;
        var monthYear = d.Length switch
        {
            4 => IsMonth(d[..2]),
            6 => IsMonth(d[..2]) && d[2..4] == "20",
            _ => false,
        };
        return monthYear && context.Expiry ? run.Start : null;
    }

    private static bool IsMonth(string two) => two is ['0', >= '1' and <= '9'] or ['1', >= '0' and <= '2'];

    private static bool IsAmount(string text, DigitRun run) =>
        (run.Start > 0 && text[..run.Start].TrimEnd() is { Length: > 0 } before && before[^1] is '$' or '€' or '£' or '¥') || AmountAfter().IsMatch(text.AsSpan(run.End));

    private static string Apply(string text, List<Mask> masks)
    {
        if (masks.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (var mask in masks.OrderBy(m => m.Start))
        {
            if (mask.Start < position)
            {
                continue;
            }

            result.Append(text, position, mask.Start - position).Append(mask.Marker);
            position = mask.End;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    private static int LastIndex(IReadOnlyList<BatonTurn> turns, Func<BatonTurn, bool> match)
    {
        for (var i = turns.Count - 1; i >= 0; i--)
        {
            if (match(turns[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private readonly record struct Mask(int Start, int End, string Marker);

    /// <summary>What a turn speaks of, itself or as the answer to the turn before.</summary>
    private readonly record struct Context(bool Card, bool Code, bool Expiry)
    {
        public static Context Read(string text, string? previous) => new(
            SpeaksOfCard(text) || (previous is not null && SpeaksOfCard(previous)),
            AsksForCode(text) || (previous is not null && AsksForCode(previous)),
            ExpiryContext().IsMatch(text) || (previous is not null && ExpiryContext().IsMatch(previous)));
    }

    /// <summary>The unmasked digits a caller turn ended with, and where they sit, to be read with the next caller turn.</summary>
    private sealed record Carry(string Digits, bool Card, IReadOnlyList<(int Turn, int Start, int End)> Parts)
    {
        public static Carry? From(int turn, string text, Context context, List<Mask> masks)
        {
            // A stored turn that ends in a masked card number: its digits are gone, so carry the shortest card's length.
            if (text.TrimEnd(' ', ',', '.', '-', '\u2026').EndsWith(CardMarker, StringComparison.Ordinal))
            {
                return new Carry(new string('0', 13), true, []) { Masked = true };
            }

            var runs = DigitRunReader.Read(text);
            if (runs.Count == 0)
            {
                return null;
            }

            var last = runs[^1];
            if (!DigitRunReader.IsSeparator(text.AsSpan(last.End)))
            {
                return null;
            }

            // A card already masked still carries: the caller may go on with its last digits in the next turn.
            var masked = masks.Any(m => m.End > last.Start);
            return masked
                ? masks.Any(m => m.End > last.Start && m.Marker == CardMarker) ? new Carry(last.Digits, true, []) { Masked = true } : null
                : new Carry(last.Digits, context.Card, [(turn, last.Start, last.End)]);
        }

        /// <summary>True when the carried digits are already masked: they join only what keeps the whole a card's length.</summary>
        public bool Masked { get; init; }

        public bool Joins(string digits) => !Masked || Digits.Length + digits.Length <= 19;

        public Carry Extend(int turn, DigitRun run, bool card) => new(Digits + run.Digits, Card || card, [.. Parts, (turn, run.Start, run.End)]) { Masked = Masked };
    }

    [GeneratedRegex(@"\b(?:code|passcode|pass\s+code|pin|cvv2?|cvc|security\s+code|verification|one[\s-]time|on\s+the\s+back|(?:three|four|3|4)\s+digits)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeContext();

    [GeneratedRegex(@"\b(?:cards?|credit|debit|visa|master\s?card|amex|american\s+express|discover|card\s?number|long\s+number|expir\w*|exp|cvv2?|cvc|security\s+code|on\s+the\s+back)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CardContext();

    [GeneratedRegex(@"\b(?:expir\w*|exp|valid\s+(?:thru|through|until)|good\s+(?:thru|through))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExpiryContext();

    [GeneratedRegex(@"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[\s,]+(?:of[\s]+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex MonthBefore();

    [GeneratedRegex(@"\b(?:last\s+(?:four|4)(?:\s+digits)?(?:\s+(?:are|is))?|ending(?:\s+in)?|ends\s+(?:in|with))[\s:,]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LastFour();

    // Between a card number and its expiry or code: punctuation and the words that name them, nothing else ("thanks, my zip is" is not).
    [GeneratedRegex(@"^[\s,.;:/\-]*(?:(?:and|the|exp|expiry|expires|expiration|date|valid|thru|through|cvv2?|cvc|code|security|is|it|on|back|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|of)\b[\s,.;:/\-]*)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CardDetailGap();

    [GeneratedRegex(@"^(?:0?[1-9]|1[0-2])\s*/\s*(?:20)?\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex SlashedExpiry();

    [GeneratedRegex(@"^\s*(?:dollars?|bucks|usd|euros?|eur|pounds?|gbp|cents?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountAfter();
}
