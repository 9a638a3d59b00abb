using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Connectors.Core.Http;
using Connectors.Core.Replay;
using Connectors.Core.Storage;
using Microsoft.DurableTask.Client;

namespace Connectors.Core.Channels;

/// <summary>
/// Runs a platform's <see cref="ChannelCommand"/> through the same Core handlers as the JSON API and answers one flat
/// map of strings, the shape every platform can read (Connect's STRING_MAP, Studio's parsed JSON, a webhook's body).
/// A gate's refusal is an answer the flow branches on (<c>status=denied</c>, <c>action=step-up</c>), not an error.
/// </summary>
public sealed class ChannelActionDispatcher
{
    private readonly CallSessionOpener _opener;
    private readonly AccountReader _reader;
    private readonly KnowledgeCheckService _knowledge;
    private readonly PasscodeSendService _passcodeSend;
    private readonly PasscodeVerifyService _passcodeVerify;
    private readonly BatonWriter _baton;
    private readonly BatonTransferService _transfers;
    private readonly BatonAnswerService _answers;
    private readonly CallEnder _ender;
    private readonly CallRequestJournal _journal;

    public ChannelActionDispatcher(
        CallSessionOpener opener,
        AccountReader reader,
        KnowledgeCheckService knowledge,
        PasscodeSendService passcodeSend,
        PasscodeVerifyService passcodeVerify,
        BatonWriter baton,
        BatonTransferService transfers,
        BatonAnswerService answers,
        CallEnder ender,
        CallRequestJournal journal)
    {
        _opener = opener;
        _reader = reader;
        _knowledge = knowledge;
        _passcodeSend = passcodeSend;
        _passcodeVerify = passcodeVerify;
        _baton = baton;
        _transfers = transfers;
        _answers = answers;
        _ender = ender;
        _journal = journal;
    }

    /// <summary>Runs one platform action; <paramref name="wrapUps"/> is the host's Durable Task client, which <c>end</c> starts the wrap-up with.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DispatchAsync(ChannelCommand command, DurableTaskClient wrapUps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var callId = CallId.Validate(command.CallId);
        IReadOnlyDictionary<string, string> answer;
        try
        {
            answer = await RunAsync(command, callId, wrapUps, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var problem = ProblemResults.FromException(e);
            await _journal.RecordAsync(callId, command.Platform, command.Action, command.Parameters, problem.Status, problem.Slug, cancellationToken);
            throw;
        }

        // The journal keeps what the platform sent, for replay (GET /api/calls/{callId}/export); it redacts as it writes.
        await _journal.RecordAsync(callId, command.Platform, command.Action, command.Parameters, 200,
            answer.TryGetValue("outcome", out var outcome) ? outcome : answer.GetValueOrDefault("status"), cancellationToken);
        return answer;
    }

    private async Task<IReadOnlyDictionary<string, string>> RunAsync(ChannelCommand command, string callId, DurableTaskClient wrapUps, CancellationToken cancellationToken)
    {
        var p = command.Parameters;
        var key = RetryKey(command);
        switch (command.Action)
        {
            case ChannelActions.Connect:
                var (session, _) = await _opener.OpenAsync(callId, new ConnectCallRequest(command.Platform, Get(p, "callerNumber"), Get(p, "dialledNumber"), Get(p, "ivrDigits"), Get(p, "dryRun") == "true"), cancellationToken);
                return Flatten(CallSummary.Of(session), ("status", "connected"));

            case ChannelActions.Read:
                var purpose = Get(p, "for") ?? throw Missing("for", "the policy's action to read for, e.g. balance");
                var read = await _reader.ReadAsync(callId, purpose, cancellationToken);
                return read.Status == AccountReadStatus.Denied
                    ? Flatten(AccountReadResponse.ToProblem(read).Extensions, ("status", "denied"))
                    : Flatten(AccountReadResponse.ToBody(read));

            case ChannelActions.Knowledge:
                return Flatten(await _knowledge.CheckAsync(callId, new KnowledgeCheckRequest(Get(p, "lastFour"), Get(p, "billingZip"), Get(p, "dateOfBirth")), cancellationToken));

            case ChannelActions.PasscodeSend:
                PasscodeChannel? channel = Enum.TryParse<PasscodeChannel>(Get(p, "channel") ?? "sms", ignoreCase: true, out var parsed) ? parsed : null;
                return Flatten(await _passcodeSend.SendAsync(callId, new PasscodeSendRequest(channel, Get(p, "culture")), cancellationToken), ("status", "sent"));

            case ChannelActions.PasscodeVerify:
                return Flatten(await _passcodeVerify.VerifyAsync(callId, new PasscodeVerifyRequest(Get(p, "code")), cancellationToken));

            case ChannelActions.Say:
                return Flatten(await _baton.AppendAsync(callId, SayRequest(p), key, cancellationToken), ("status", "appended"));

            case ChannelActions.Transfer:
                var transfer = await _transfers.TransferAsync(callId, new BatonTransferRequest(Get(p, "reason"), Get(p, "target")), key, cancellationToken);
                return TransferAnswer(transfer, command.Platform);

            case ChannelActions.Answered:
                return Flatten(await _answers.AnswerAsync(callId, new BatonAnswerRequest(Get(p, "agentId")), cancellationToken), ("status", "answered"));

            case ChannelActions.End:
                var ended = await _ender.EndAsync(wrapUps, callId, Get(p, "reason"), Get(p, "humanTookCall") == "true", cancellationToken);
                return Flatten(CallSummary.Of(ended.Session), ("status", "ended"));

            default:
                throw new ProblemException(400, "unknown-channel-action", "Unknown action",
                    $"'{Truncate(command.Action)}' is not an action; use one of: {string.Join(", ", ChannelActions.All)}.");
        }
    }

    private static BatonAppendRequest SayRequest(IReadOnlyDictionary<string, string> p)
    {
        var text = Get(p, "text");
        IReadOnlyList<BatonTurnInput>? turns = text is null ? null : [new BatonTurnInput(Get(p, "speaker") ?? "caller", text)];
        IReadOnlyList<BatonAmountInput>? amounts = null;
        if (Get(p, "amount") is { } amount)
        {
            if (!decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                throw new ProblemException(400, "invalid-amount", "Invalid baton", "'amount' is a number such as 59.00.");
            }

            amounts = [new BatonAmountInput(value, Get(p, "currency"), Get(p, "amountLabel"))];
        }

        IReadOnlyList<string>? notes = Get(p, "note") is { } note ? [note] : null;
        return new BatonAppendRequest(turns, Get(p, "intent"), Get(p, "summary"), amounts, notes);
    }

    /// <summary>Connect gets its contact attributes; Twilio the task attributes as a JSON string for "Send to Flex"; a webhook both.</summary>
    private static IReadOnlyDictionary<string, string> TransferAnswer(BatonTransferResult transfer, string platform)
    {
        var answer = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["status"] = "transferred",
            ["version"] = transfer.Version.ToString(CultureInfo.InvariantCulture),
            ["complete"] = transfer.Complete ? "true" : "false",
        };
        if (platform != ChannelPlatforms.Twilio)
        {
            foreach (var (name, value) in transfer.AmazonConnectAttributes)
            {
                answer[name] = value;
            }
        }

        if (platform != ChannelPlatforms.AmazonConnect)
        {
            answer["baton_url"] = transfer.AgentPageUrl;
            answer["task_attributes"] = JsonSerializer.Serialize(transfer.TwilioTaskAttributes, ConnectorsJson.Options);
        }

        return answer;
    }

    /// <summary>The platform's retry key as a stored key: hashed, so any shape fits the key pattern and none is stored raw.</summary>
    private static string? RetryKey(ChannelCommand command) =>
        command.RetryKey is null
            ? null
            : command.Platform + ":" + command.Action + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(command.RetryKey)))[..40];

    /// <summary>Top-level values as strings: scalars as written in JSON, lists of scalars comma-joined, anything nested as JSON text.</summary>
    internal static IReadOnlyDictionary<string, string> Flatten(object value, params (string Key, string Value)[] first)
    {
        var answer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in first)
        {
            answer[k] = v;
        }

        var element = JsonSerializer.SerializeToElement(value, ConnectorsJson.Options);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return answer;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (answer.ContainsKey(property.Name) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            answer[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Array when property.Value.EnumerateArray().All(IsScalar) => string.Join(",", property.Value.EnumerateArray().Select(Scalar)),
                _ when IsScalar(property.Value) => Scalar(property.Value),
                _ => property.Value.GetRawText(),
            };
        }

        return answer;
    }

    private static bool IsScalar(JsonElement e) => e.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static string Scalar(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    private static string? Get(IReadOnlyDictionary<string, string> p, string name) =>
        p.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static ProblemException Missing(string name, string what) =>
        new(400, "missing-parameter", "Missing parameter", $"Send '{name}': {what}.");

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32];
}
