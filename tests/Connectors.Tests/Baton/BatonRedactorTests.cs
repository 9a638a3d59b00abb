using System.Text;
using System.Text.RegularExpressions;
using Connectors.Core.Baton;

namespace Connectors.Tests.Baton;

public sealed partial class BatonRedactorTests
{
    private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    [Theory]
    [InlineData("my card is 4242424242424242 thanks")]
    [InlineData("my card is 4242 4242 4242 4242 thanks")]
    [InlineData("my card is 4242-4242-4242-4242 thanks")]
    [InlineData("amex 3782 822463 10005 ok")]
    [InlineData("it's four two four two four two four two four two four two four two four two")]
    [InlineData("Four Two Four Two, four two four two, four two four two, four two four two.")]
    [InlineData("four double two four two four two four two four two four two four two four two")]
    [InlineData("5555 5555 5555 4444")]
    public void A_card_number_written_or_spoken_is_replaced_whole(string text)
    {
        var redacted = BatonRedactor.Redact(text);

        Assert.Contains(BatonRedactor.CardMarker, redacted, StringComparison.Ordinal);
        Assert.False(HasLuhnStretch(redacted), redacted);
    }

    [Theory]
    [InlineData("my card is 4242.4242.4242.4242 thanks")]
    [InlineData("my card is 4242/4242/4242/4242 thanks")]
    [InlineData("the card number, four two four two, uh, four two four two, um, four two four two, like, four two four two")]
    [InlineData("the card is forty-two forty-two forty-two forty-two forty-two forty-two forty-two forty-two")]
    [InlineData("my card is \uFF14\uFF12\uFF14\uFF12 \uFF14\uFF12\uFF14\uFF12 \uFF14\uFF12\uFF14\uFF12 \uFF14\uFF12\uFF14\uFF12")]
    [InlineData("my card is 4242 4242 4242 4241")]
    [InlineData("my debit card is 1234 5678 9012 3")]
    [InlineData("the reference is 123456789012345, not a card")]
    public void A_card_number_in_any_spoken_or_written_form_is_masked_luhn_valid_or_not(string text)
    {
        var redacted = BatonRedactor.Redact(System.Text.RegularExpressions.Regex.Unescape(text));

        Assert.Contains(BatonRedactor.CardMarker, redacted, StringComparison.Ordinal);
        Assert.True(SpokenDigits.Of(redacted).Length == 0, redacted);
    }

    [Theory]
    [InlineData("My card is 4242 4242 4242 4242, it expires 04/27 and the code on the back is 123.")]
    [InlineData("The card is 4242424242424242, expiry April twenty-seven, 731")]
    [InlineData("Visa 4242 4242 4242 4242 valid through oh four twenty twenty-seven")]
    public void An_expiry_date_and_security_code_next_to_a_card_are_masked(string text)
    {
        var redacted = BatonRedactor.Redact(text);

        Assert.True(SpokenDigits.Of(redacted).Length == 0, redacted);
    }

    [Fact]
    public void A_card_number_split_across_two_caller_turns_is_masked_in_both_and_the_bot_between_is_left_alone()
    {
        var redaction = BatonRedactor.RedactTurns([("caller", "my card is 4242 4242"), ("bot", "Go on, I'm listening."), ("caller", "4242 4242")], []);

        Assert.Equal(["my card is " + BatonRedactor.CardMarker, "Go on, I'm listening.", BatonRedactor.CardMarker], redaction.Texts);
    }

    [Fact]
    public void A_card_number_split_across_two_appends_re_masks_the_stored_caller_turn()
    {
        var stored = new[] { new BatonTurn("caller", "my card number is four two four two four two four two", default), new BatonTurn("bot", "Mm-hm.", default) };

        var redaction = BatonRedactor.RedactTurns([("caller", "uh, 4242 4242")], stored);

        Assert.Equal(["uh, " + BatonRedactor.CardMarker], redaction.Texts);
        Assert.Equal(0, redaction.RewrittenStoredIndex);
        Assert.Equal("my card number is " + BatonRedactor.CardMarker, redaction.RewrittenStoredText);
    }

    [Fact]
    public void The_writer_stores_the_re_masked_turn_when_an_append_completes_a_card_number()
    {
        var now = DateTimeOffset.UnixEpoch;
        var baton = new Connectors.Core.Baton.Baton
        {
            CallId = "c-1", CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddHours(1),
            Turns = [new BatonTurn("caller", "the card is 4242 4242 4242", now)],
        };

        var next = BatonWriter.Apply(baton, new BatonAppendRequest(Turns: [new BatonTurnInput("caller", "4242")]), "a-2", now, 400_000)!;

        Assert.All(next.Turns, turn => Assert.True(SpokenDigits.Of(turn.Text).Length == 0, turn.Text));
    }

    [Theory]
    [InlineData("I was charged $12.25 on my card, on 2024-05-01.")]
    [InlineData("The card ending in 1027 is the one.")]
    [InlineData("It was 59 dollars, uh, on the fifth, zip 94107.")]
    public void Ordinary_numbers_next_to_card_talk_stay(string text) => Assert.Equal(text, BatonRedactor.Redact(text));

    [Theory]
    [InlineData("I was charged $59.00 twice on 2024-05-01, zip 94107.")]
    [InlineData("Account 100200300, the last four are 4242.")]
    [InlineData("Call me on +1 415 555 0101 after 5.")]
    [InlineData("The order number is 1234567890123 and it ships today.")]
    public void Ordinary_numbers_stay(string text) => Assert.Equal(text, BatonRedactor.Redact(text));

    [Fact]
    public void A_code_is_redacted_where_the_turn_before_asks_for_one_and_only_there()
    {
        var turns = BatonRedactor.RedactTurns(
            ["What is the code we just sent you?", "It is 4 8 1 5 2 3.", "And how much was the charge?", "59 dollars, on the 5th, 2024."],
            previousText: null);

        Assert.Equal("It is [code redacted].", turns[1]);
        Assert.Equal("59 dollars, on the 5th, 2024.", turns[3]);
    }

    [Fact]
    public void A_spoken_cvv_after_the_question_is_redacted()
    {
        var turns = BatonRedactor.RedactTurns(["And the three digits on the back, the CVV?", "seven three one"], previousText: null);

        Assert.Equal(BatonRedactor.CodeMarker, turns[1]);
    }

    [Fact]
    public void The_stored_turn_before_an_append_counts_as_the_question()
    {
        var turns = BatonRedactor.RedactTurns(["123456"], previousText: "Please read me the passcode.");

        Assert.Equal(BatonRedactor.CodeMarker, turns[0]);
    }

    /// <summary>
    /// Property: over generated transcripts (fixed seed) mixing prose, amounts, dates, ZIP codes and card numbers written
    /// with or without separators or spoken as words, no Luhn-valid 13–19-digit stretch survives redaction, written or
    /// spoken, and every ordinary number survives as it was.
    /// </summary>
    [Fact]
    public void No_luhn_valid_card_survives_and_ordinary_numbers_do_over_generated_transcripts()
    {
        var random = new Random(20261129);
        var cardsPlanted = 0;
        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            var ordinary = new List<string>();
            for (var part = 0; part < random.Next(2, 8); part++)
            {
                switch (random.Next(6))
                {
                    case 0:
                        var amount = $"${random.Next(1, 5000)}.{random.Next(0, 100):D2}";
                        ordinary.Add(amount);
                        text.Append("I was charged ").Append(amount).Append(" yesterday. ");
                        break;
                    case 1:
                        var date = $"{random.Next(2000, 2030)}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}";
                        ordinary.Add(date);
                        text.Append("It was on ").Append(date).Append(". ");
                        break;
                    case 2:
                        var zip = random.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        ordinary.Add(zip);
                        text.Append("My zip is ").Append(zip).Append(" okay. ");
                        break;
                    case 3:
                        text.Append("The card is ").Append(Written(Card(random), random)).Append(" thanks. ");
                        cardsPlanted++;
                        break;
                    case 4:
                        text.Append("Sure, it's ").Append(Spoken(Card(random), random)).Append(". ");
                        cardsPlanted++;
                        break;
                    default:
                        text.Append("Hello, I need help with my bill please. ");
                        break;
                }
            }

            var redacted = BatonRedactor.Redact(text.ToString());

            Assert.False(HasLuhnStretch(redacted), $"A card survived in: {redacted}");
            Assert.False(HasLuhnStretch(WordsToDigits(redacted)), $"A spoken card survived in: {redacted}");
            foreach (var number in ordinary)
            {
                Assert.Contains(number, redacted, StringComparison.Ordinal);
            }
        }

        Assert.True(cardsPlanted > 1000, "the generator planted too few cards to show anything");
    }

    /// <summary>A Luhn-valid number of 13 to 19 digits with a common issuer prefix.</summary>
    private static string Card(Random random)
    {
        var length = random.Next(13, 20);
        var digits = new StringBuilder(new[] { "4", "51", "37", "6011" }[random.Next(4)]);
        while (digits.Length < length - 1)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        for (var check = 0; check < 10; check++)
        {
            var candidate = digits.ToString() + (char)('0' + check);
            if (BatonRedactor.IsLuhnValid(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable: one check digit always fits");
    }

    private static string Written(string card, Random random)
    {
        var separator = new[] { "", " ", "-" }[random.Next(3)];
        return separator.Length == 0 ? card : string.Join(separator, card.Chunk(4).Select(c => new string(c)));
    }

    private static string Spoken(string card, Random random) =>
        string.Join(random.Next(2) == 0 ? " " : ", ", card.Select(c => Words[c - '0']));

    private static string WordsToDigits(string text) =>
        SpokenDigit().Replace(text, m => (Array.IndexOf(Words, m.Value.ToLowerInvariant())).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The checker: every run of digits joined by at most a space/comma/dash, any 13–19 window Luhn-valid.</summary>
    private static bool HasLuhnStretch(string text)
    {
        foreach (Match run in DigitRun().Matches(text))
        {
            var digits = new string(run.Value.Where(char.IsAsciiDigit).ToArray());
            for (var length = 13; length <= Math.Min(19, digits.Length); length++)
            {
                for (var start = 0; start + length <= digits.Length; start++)
                {
                    if (BatonRedactor.IsLuhnValid(digits.AsSpan(start, length)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"\d(?:[\s,\-]{0,3}\d)*")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\b(?:zero|one|two|three|four|five|six|seven|eight|nine)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpokenDigit();
}
