using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Connectors.Core.Calls;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Channels.AmazonConnect;

/// <summary>
/// <c>POST /api/channels/amazon-connect</c>: the pass-through Lambda forwards Connect's event as is, with the function
/// key it holds (Connect cannot sign; the key is the check, in Azure and in LocalHost alike). Answers a flat string
/// map (STRING_MAP) well under 32 KB. Connect retries an event as it was, so the event's hash is its retry key.
/// </summary>
public static class AmazonConnectEndpoint
{
    public const int MaxAnswerBytes = 32 * 1000;

    public static async Task<IResult> HandleAsync(HttpRequest request, ChannelActionDispatcher dispatcher, DurableTaskClient wrapUps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dispatcher);
        var body = await ChannelRequest.ReadBodyAsync(request, cancellationToken);
        var contact = AmazonConnectEvent.Parse(body);
        var parameters = new Dictionary<string, string>(contact.Parameters, StringComparer.Ordinal);
        parameters.TryAdd("callerNumber", CallerOrWithheld(contact.CustomerNumber, request));
        parameters.TryAdd("dialledNumber", contact.SystemNumber ?? string.Empty);

        var answer = await dispatcher.DispatchAsync(
            new ChannelCommand(ChannelPlatforms.AmazonConnect, contact.CallId, contact.Action, parameters, Convert.ToHexStringLower(SHA256.HashData(body))),
            wrapUps,
            cancellationToken);
        return ChannelRequest.Answer(answer, MaxAnswerBytes);
    }

    /// <summary>
    /// Connect's own customer address, or withheld when it is no phone number (as in AWS's sample event, "+1234567890"):
    /// a call with no usable caller id is an unknown caller, looked up by nothing, not a failed call. Logged masked.
    /// </summary>
    private static string CallerOrWithheld(string? address, HttpRequest request)
    {
        if (address is null || CallerNumbers.IsWithheld(address) || PhoneNumber.TryParse(address, "1", out _, out _))
        {
            return address ?? string.Empty;
        }

        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AmazonConnectEndpoint))
            .LogWarning("Connect's customer address {Caller} is not a phone number; the caller is treated as withheld", PhoneNumber.MaskDigits(address));
        return string.Empty;
    }
}
