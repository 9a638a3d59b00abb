using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Channels.AmazonConnect;

/// <summary>
/// <c>POST /api/channels/amazon-connect</c>: the pass-through Lambda forwards Connect's event as is, with the function
/// key it holds (Connect cannot sign; the key is the check, in Azure and in LocalHost alike). Answers a flat string
/// map (STRING_MAP) well under 32 KB. Connect retries an event as it was, so the event's hash is its retry key.
/// </summary>
public static class AmazonConnectEndpoint
{
    public const int MaxAnswerBytes = 32 * 1000;

    public static async Task<IResult> HandleAsync(HttpRequest request, ChannelActionDispatcher dispatcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dispatcher);
        var body = await ChannelRequest.ReadBodyAsync(request, cancellationToken);
        var contact = AmazonConnectEvent.Parse(body);
        var parameters = new Dictionary<string, string>(contact.Parameters, StringComparer.Ordinal);
        parameters.TryAdd("callerNumber", contact.CustomerNumber ?? string.Empty);
        parameters.TryAdd("dialledNumber", contact.SystemNumber ?? string.Empty);

        var answer = await dispatcher.DispatchAsync(
            new ChannelCommand(ChannelPlatforms.AmazonConnect, contact.CallId, contact.Action, parameters, Convert.ToHexStringLower(SHA256.HashData(body))),
            cancellationToken);
        return ChannelRequest.Answer(answer, MaxAnswerBytes);
    }
}
