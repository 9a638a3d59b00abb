using Connectors.Core.Http;

namespace Connectors.Core.Baton;

/// <summary>
/// Records the agent's one-click report of what the caller had to repeat, once per transfer, with the same link (and
/// the same rate limit on a link that does not open) as the page; each first report is counted as the re-explain
/// signal, split by whether the baton was complete.
/// </summary>
public sealed class BatonFeedbackRecorder
{
    /// <summary>The answers the page offers, as stored: nothing, who they are, why they called, account details.</summary>
    public static readonly IReadOnlyList<string> Choices = ["nothing", "identity", "reason", "account"];

    private readonly BatonViewReader _reader;
    private readonly BatonFeedbackStore _store;
    private readonly BatonMetrics _metrics;
    private readonly TimeProvider _time;

    public BatonFeedbackRecorder(BatonViewReader reader, BatonFeedbackStore store, BatonMetrics metrics, TimeProvider time)
    {
        _reader = reader;
        _store = store;
        _metrics = metrics;
        _time = time;
    }

    /// <summary>The stored report and whether this call stored it; null when the link does not open. A choice not offered is a 400.</summary>
    public async Task<(BatonFeedback Feedback, bool Added)?> RecordAsync(string token, string client, string? repeated, CancellationToken cancellationToken)
    {
        var choice = repeated?.Trim().ToLowerInvariant();
        if (choice is null || !Choices.Contains(choice))
        {
            throw new ProblemException(400, "invalid-feedback", "Invalid feedback", $"'repeated' is one of {string.Join(", ", Choices)}.");
        }

        var view = await _reader.ReadAsync(token, client, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var (stored, added) = await _store.AddOnceAsync(
            new BatonFeedback
            {
                Repeated = choice,
                CallId = view.CallId,
                Version = view.Version,
                Complete = BatonViewBuilder.IsComplete(view),
                Target = view.Target,
                SealedAt = view.SealedAt,
                RecordedAt = _time.GetUtcNow(),
            },
            cancellationToken);
        if (added)
        {
            _metrics.RecordFeedback(stored.Repeated, stored.Complete);
        }

        return (stored, added);
    }
}
