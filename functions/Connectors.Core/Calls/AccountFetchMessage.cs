using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connectors.Core.Queues;
using Connectors.Core.Storage;

namespace Connectors.Core.Calls;

/// <summary>
/// The queued request to do a call's current <see cref="AccountFetch"/>. It names the call and the
/// generation only (the session holds the rest), so it carries no PII, and its message id is derived
/// from both, so a repeated request collapses in the transport's duplicate detection.
/// </summary>
public sealed record AccountFetchMessage(string CallId, int Generation)
{
    public const string Queue = QueueNames.Prefetch;

    public WorkItem ToWorkItem() => new(Queue, MessageIdFor(CallId, Generation), JsonSerializer.Serialize(this, ConnectorsJson.Options));

    /// <summary><c>prefetch:{callId}:{generation}</c>, or a SHA-256 of it when that would pass the 128-character message id limit.</summary>
    public static string MessageIdFor(string callId, int generation)
    {
        var id = $"{Queue}:{callId}:{generation.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return id.Length <= WorkItem.MaxMessageIdLength
            ? id
            : Queue + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    /// <summary>Null when the body is not a valid message (poison: it can never succeed).</summary>
    public static AccountFetchMessage? TryParse(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            var message = JsonSerializer.Deserialize<AccountFetchMessage>(item.Body, ConnectorsJson.Options);
            return message is not null && Connectors.Core.Calls.CallId.IsValid(message.CallId) && message.Generation > 0 ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
