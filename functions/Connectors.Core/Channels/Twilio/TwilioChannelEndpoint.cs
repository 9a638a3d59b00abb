using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connectors.Core.Http;
using Connectors.Core.Retries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask.Client;

namespace Connectors.Core.Channels.Twilio;

/// <summary>
/// <c>POST /api/channels/twilio/{action}</c>: Twilio voice webhooks and Studio "Make HTTP Request" (form or JSON),
/// signed with <c>X-Twilio-Signature</c> over the public URL. The call is <c>CallSid</c> (or <c>callId</c>); parameters
/// come from the query, the form or a flat JSON object. Answers a flat JSON object of strings (at most 64 kB).
/// A retry carrying the same <c>I-Twilio-Idempotency-Token</c> (same URL and body) gets the first answer and changes
/// nothing; the same token on another request is a 409 request-id-reused.
/// </summary>
public static class TwilioChannelEndpoint
{
    public const string IdempotencyHeader = "I-Twilio-Idempotency-Token";
    public const int MaxAnswerBytes = 64 * 1000;

    public static async Task<IResult> HandleAsync(
        string action,
        HttpRequest request,
        IOptionsMonitor<TwilioChannelOptions> options,
        ChannelActionDispatcher dispatcher,
        RequestReplayStores replays,
        FirstAnswerReplayer replayer,
        DurableTaskClient wrapUps,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(replays);
        ArgumentNullException.ThrowIfNull(replayer);
        ArgumentNullException.ThrowIfNull(loggers);
        var settings = options.CurrentValue;
        var body = await ChannelRequest.ReadBodyAsync(request, cancellationToken);
        var url = settings.PublicBaseUrl!.GetLeftPart(UriPartial.Authority) + ChannelRequest.RawTarget(request);
        var signature = request.Headers[TwilioSignatureValidator.HeaderName].ToString();
        var isForm = request.HasFormContentType || body.Length == 0;

        List<KeyValuePair<string, string>> form = isForm ? Pairs(Encoding.UTF8.GetString(body)) : [];
        var valid = isForm
            ? TwilioSignatureValidator.IsValidForm(settings.AuthToken, url, form, signature)
            : TwilioSignatureValidator.IsValidBody(settings.AuthToken, url, body, signature);
        if (!valid)
        {
            loggers.CreateLogger(typeof(TwilioChannelEndpoint)).LogWarning("Refused a Twilio request to {Action} whose signature did not validate", Sanitize(action));
            return ChannelRequest.Unauthorized();
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Pairs(request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty))
        {
            if (name != TwilioSignatureValidator.BodyHashParameter)
            {
                parameters[name] = value;
            }
        }

        foreach (var (name, value) in isForm ? form : JsonPairs(body))
        {
            parameters[name] = value;
        }

        var callId = Value(parameters, "callId") ?? Value(parameters, "CallSid")
            ?? throw new ProblemException(400, "missing-parameter", "Missing parameter", "Send 'CallSid' (Twilio's call) or 'callId'.");
        parameters.TryAdd("callerNumber", Value(parameters, "From") ?? Value(parameters, "Caller") ?? string.Empty);
        parameters.TryAdd("dialledNumber", Value(parameters, "To") ?? Value(parameters, "Called") ?? string.Empty);
        var retryKey = request.Headers[IdempotencyHeader].ToString();
        var command = new ChannelCommand(ChannelPlatforms.Twilio, callId, action, parameters, string.IsNullOrWhiteSpace(retryKey) ? null : retryKey);
        if (command.RetryKey is null)
        {
            return ChannelRequest.Answer(await dispatcher.DispatchAsync(command, wrapUps, cancellationToken), MaxAnswerBytes);
        }

        // The token is Twilio's, of any shape: its hash is the row key. The URL is part of the request (action, query).
        var fingerprint = Encoding.UTF8.GetBytes(url + "\n").Concat(body).ToArray();
        var answer = await replayer.AnswerOnceAsync(
            replays.Twilio,
            new ReplayedRequest(ChannelPlatforms.Twilio, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(command.RetryKey))), fingerprint, ChannelActions.AnswerMayBeStored(action)),
            ct => dispatcher.DispatchAsync(command, wrapUps, ct),
            cancellationToken);
        return ChannelRequest.Answer(answer, MaxAnswerBytes);
    }

    private static List<KeyValuePair<string, string>> Pairs(string encoded)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in QueryHelpers.ParseQuery(encoded))
        {
            foreach (var value in values)
            {
                pairs.Add(new(name, value ?? string.Empty));
            }
        }

        return pairs;
    }

    private static IEnumerable<KeyValuePair<string, string>> JsonPairs(byte[] body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "A JSON body is one flat object of strings, numbers and booleans.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "A JSON body is one flat object of strings, numbers and booleans.");
        }

        return root.EnumerateObject()
            .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
            .ToList();
    }

    private static string? Value(Dictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string Sanitize(string action) => action.Length <= 24 && action.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? action : "(invalid)";
}
