using System.Globalization;
using System.Text;
using Connectors.Core.Baton;

namespace Connectors.Tests.Baton;

/// <summary>
/// Property: over generated calls (fixed seed) in which callers give card numbers, long numbers, expiry dates and
/// security codes in every form people use (<see cref="SpokenNumberForms"/>), whole or split across turns and appends,
/// amid ordinary numbers, no secret digit survives and every ordinary number does. What survives is judged by
/// <see cref="SpokenDigits"/>, the test's own reading of digits, not by the redactor's.
/// </summary>
public sealed class SpokenRedactionPropertyTests
{
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    private static readonly string[] Units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    [Fact]
    public void No_secret_digit_survives_in_any_spoken_or_written_form_and_ordinary_numbers_do()
    {
        var random = new Random(20261207);
        var planted = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var call = 0; call < 1500; call++)
        {
            var script = new Script();
            for (var part = 0; part < random.Next(3, 8); part++)
            {
                Plant(script, random, planted);
            }

            var stored = Replay(script.Turns, random);

            for (var i = 0; i < stored.Count; i++)
            {
                var text = stored[i].Text;
                if (script.SecretTurns.Contains(i))
                {
                    Assert.True(SpokenDigits.Of(text).Length == 0, $"digits survived in '{text}' (was '{script.Turns[i].Text}')");
                }

                foreach (var number in script.Ordinary.GetValueOrDefault(i) ?? [])
                {
                    Assert.True(text.Contains(number, StringComparison.Ordinal), $"'{number}' was lost from '{text}'");
                }
            }

            var all = string.Concat(stored.Select(t => SpokenDigits.Of(t.Text)));
            foreach (var card in script.Cards)
            {
                for (var start = 0; start + 8 <= card.Length; start++)
                {
                    Assert.False(all.Contains(card.Substring(start, 8), StringComparison.Ordinal), $"eight digits of {card} survived: {string.Join(" | ", stored.Select(t => t.Text))}");
                }
            }
        }

        // Every kind of secret was planted in every form, often enough to mean something.
        foreach (var kind in new[] { "card", "long", "split", "expiry", "code" })
        {
            for (var form = 0; form < SpokenNumberForms.Count; form++)
            {
                Assert.True(planted.GetValueOrDefault($"{kind}/{form}") >= 20, $"{kind} in form {form} was planted {planted.GetValueOrDefault($"{kind}/{form}")} times");
            }
        }

        Assert.True(planted.GetValueOrDefault("luhn-invalid") >= 500, "too few Luhn-invalid cards");
    }

    /// <summary>Appends the script's turns in batches of one to four, as a voice AI does, re-masking the stored turn when told to.</summary>
    private static List<BatonTurn> Replay(IReadOnlyList<(string Speaker, string Text)> turns, Random random)
    {
        var stored = new List<BatonTurn>();
        for (var next = 0; next < turns.Count;)
        {
            var batch = turns.Skip(next).Take(random.Next(1, 5)).ToList();
            var redaction = BatonRedactor.RedactTurns(batch, stored);
            if (redaction is { RewrittenStoredIndex: { } index, RewrittenStoredText: { } text })
            {
                stored[index] = stored[index] with { Text = text };
            }

            stored.AddRange(batch.Select((t, i) => new BatonTurn(t.Speaker, redaction.Texts[i], default)));
            next += batch.Count;
        }

        return stored;
    }

    private static void Plant(Script script, Random random, Dictionary<string, int> planted)
    {
        var form = random.Next(SpokenNumberForms.Count);
        switch (random.Next(7))
        {
            case 0:
            {
                var card = Card(random, random.Next(13, 20), planted);
                var text = new StringBuilder("My card number is ").Append(SpokenNumberForms.Write(card, form, random));
                if (random.Next(2) == 0)
                {
                    text.Append(", expiry ").Append(Expiry(random, planted, count: false));
                    text.Append(random.Next(2) == 0 ? ", " : " and the security code is ").Append(SpokenNumberForms.Write(Digits(random, random.Next(3, 5)), random.Next(SpokenNumberForms.Count), random));
                }

                script.AddSecret(("caller", text.ToString()));
                script.Cards.Add(card);
                Count(planted, "card", form);
                break;
            }

            case 1:
            {
                var number = Digits(random, random.Next(15, 20));
                script.AddSecret(("caller", "The reference they gave me is " + SpokenNumberForms.Write(number, form, random)));
                script.Cards.Add(number);
                Count(planted, "long", form);
                break;
            }

            case 2:
            {
                var card = Card(random, random.Next(13, 20), planted);
                var cut = random.Next(4, card.Length - 3);
                script.AddSecret(("caller", "My card number is " + SpokenNumberForms.Write(card[..cut], form, random)));
                if (random.Next(2) == 0)
                {
                    script.Turns.Add(("bot", "Go on."));
                }

                script.AddSecret(("caller", (random.Next(3) == 0 ? "uh, " : string.Empty) + SpokenNumberForms.Write(card[cut..], random.Next(SpokenNumberForms.Count), random)));
                script.Cards.Add(card);
                Count(planted, "split", form);
                break;
            }

            case 3:
                script.Turns.Add(("bot", "What is the expiry date on the card?"));
                script.AddSecret(("caller", Expiry(random, planted, count: true)));
                break;

            case 4:
                script.Turns.Add(("bot", "And the security code on the back of the card?"));
                script.AddSecret(("caller", SpokenNumberForms.Write(Digits(random, random.Next(3, 5)), form, random)));
                Count(planted, "code", form);
                break;

            default:
                Ordinary(script, random);
                break;
        }

        if (script.SecretTurns.Contains(script.Turns.Count - 1))
        {
            // The agent's neutral answer, so the next planted turn is not read as the answer to a card question.
            script.Turns.Add(("bot", "Thanks."));
        }
    }

    private static void Ordinary(Script script, Random random)
    {
        var (template, number) = random.Next(5) switch
        {
            0 => ("I was charged {0} yesterday.", $"${random.Next(1, 5000)}.{random.Next(0, 100):D2}"),
            1 => ("It was on {0}.", $"{random.Next(2000, 2030)}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}"),
            2 => ("My zip is {0}, thanks.", random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture)),
            3 => ("You can call me back on {0}.", $"+1 415 555 {random.Next(0, 10000):D4}"),
            _ => ("My order number is {0}.", Digits(random, random.Next(6, 13))),
        };
        script.Turns.Add((random.Next(3) == 0 ? "bot" : "caller", string.Format(CultureInfo.InvariantCulture, template, number)));
        script.Ordinary[script.Turns.Count - 1] = [number];
    }

    /// <summary>An expiry date as callers give it: 04/27, 4/27, 04/2027, April 2027, April twenty-seven, oh four twenty-seven.</summary>
    private static string Expiry(Random random, Dictionary<string, int> planted, bool count)
    {
        int month = random.Next(1, 13), year = random.Next(24, 36);
        var form = random.Next(SpokenNumberForms.Count);
        if (count)
        {
            Count(planted, "expiry", form);
        }

        var spokenYear = $"{Tens[year / 10]}{(year % 10 == 0 ? string.Empty : "-" + Units[year % 10])}";
        return form switch
        {
            0 => $"{month:D2}/{year:D2}",
            1 => $"{month}/{year:D2}",
            2 => $"{month:D2}/20{year:D2}",
            3 => $"{Months[month - 1]} 20{year:D2}",
            4 => $"{Months[month - 1]} {spokenYear}",
            5 => $"it expires {(month < 10 ? "oh " + Units[month] : month == 10 ? "ten" : month == 11 ? "eleven" : "twelve")} {spokenYear}",
            _ => $"{Months[month - 1]} of twenty {spokenYear}",
        };
    }

    /// <summary>A 13–19 digit card number; a third are Luhn-invalid (misheard, still a card number to PCI).</summary>
    private static string Card(Random random, int length, Dictionary<string, int> planted)
    {
        var prefix = new[] { "4", "51", "37", "6011" }[random.Next(4)];
        var digits = prefix + Digits(random, length - prefix.Length - 1);
        if (random.Next(3) == 0)
        {
            Count(planted, "luhn-invalid", 0);
            return digits + (char)('0' + random.Next(10));
        }

        for (var check = 0; check < 10; check++)
        {
            if (BatonRedactor.IsLuhnValid(digits + (char)('0' + check)))
            {
                return digits + (char)('0' + check);
            }
        }

        throw new InvalidOperationException("unreachable: one check digit always fits");
    }

    private static string Digits(Random random, int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10)))]);

    private static void Count(Dictionary<string, int> planted, string kind, int form) =>
        planted[kind == "luhn-invalid" ? kind : $"{kind}/{form}"] = planted.GetValueOrDefault(kind == "luhn-invalid" ? kind : $"{kind}/{form}") + 1;

    /// <summary>One generated call: its turns, which of them hold only secrets, the cards, and the ordinary numbers by turn.</summary>
    private sealed class Script
    {
        public List<(string Speaker, string Text)> Turns { get; } = [];

        public HashSet<int> SecretTurns { get; } = [];

        public List<string> Cards { get; } = [];

        public Dictionary<int, List<string>> Ordinary { get; } = [];

        /// <summary>Adds a turn whose every digit is secret.</summary>
        public void AddSecret((string Speaker, string Text) turn)
        {
            Turns.Add(turn);
            SecretTurns.Add(Turns.Count - 1);
        }
    }
}
