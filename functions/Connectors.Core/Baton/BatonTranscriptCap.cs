namespace Connectors.Core.Baton;

/// <summary>
/// Keeps a transcript within its cap: the oldest turns go, and their count is kept so the reader sees one explicit
/// "n turns summarised out" marker in their place, never a silent cut.
/// </summary>
public static class BatonTranscriptCap
{
    public const string MarkerSpeaker = "system";

    /// <summary>What a turn costs beyond its text: speaker, time and JSON punctuation.</summary>
    public const int PerTurnAllowance = 96;

    public static string MarkerText(int count) =>
        count == 1 ? "1 turn summarised out" : $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} turns summarised out";

    public static int Cost(BatonTurn turn) => turn.Text.Length + turn.Speaker.Length + PerTurnAllowance;

    /// <summary>Drops the oldest turns until the rest fit in <paramref name="maxCharacters"/>; returns the turns kept and how many went.</summary>
    public static (IReadOnlyList<BatonTurn> Kept, int Dropped) Apply(IReadOnlyList<BatonTurn> turns, int maxCharacters)
    {
        var total = turns.Sum(Cost) + PerTurnAllowance; // room for the marker itself
        var dropped = 0;
        while (total > maxCharacters && dropped < turns.Count)
        {
            total -= Cost(turns[dropped]);
            dropped++;
        }

        return dropped == 0 ? (turns, 0) : (turns.Skip(dropped).ToList(), dropped);
    }
}
