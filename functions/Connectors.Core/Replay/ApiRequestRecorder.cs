using System.Text;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Connectors.Core.Channels;
using Connectors.Core.Http;
using Connectors.Core.WrapUp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Replay;

/// <summary>
/// Journals a JSON API request for replay in the channels' vocabulary (so an export reads the same whichever way the call
/// came): the route says the action, the body's top-level values and the query are its parameters. Only the routes that
/// drive a call are journalled; polls and reads of state (the summary, the ledger, the wrap-up, the export) are not.
/// Both hosts call it: LocalHost through <see cref="CallRequestRecordingFilter"/>, the Functions app through its middleware.
/// </summary>
public sealed class ApiRequestRecorder(CallRequestJournal journal)
{
    public const string Channel = "api";

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        [CallRoutes.ConnectCall.Name] = ChannelActions.Connect,
        [CallRoutes.ReadAccount.Name] = ChannelActions.Read,
        [CallRoutes.SelectAccount.Name] = "select",
        [StepUpRoutes.PostKnowledgeCheck.Name] = ChannelActions.Knowledge,
        [StepUpRoutes.PostPasscodeSend.Name] = ChannelActions.PasscodeSend,
        [StepUpRoutes.PostPasscodeVerify.Name] = ChannelActions.PasscodeVerify,
        [BatonRoutes.AppendBaton.Name] = ChannelActions.Say,
        [BatonRoutes.TransferCall.Name] = ChannelActions.Transfer,
        [BatonRoutes.AnswerTransfer.Name] = ChannelActions.Answered,
        [WrapUpRoutes.EndCall.Name] = ChannelActions.End,
        [WrapUpRoutes.ConfirmDisposition.Name] = "disposition",
    };

    /// <summary>The action a route is journalled as, or null when the route is not journalled.</summary>
    public static string? ActionOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ActionFor(context.GetEndpoint()?.Metadata.GetMetadata<EndpointRoute>()?.Name ?? context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);
    }

    /// <summary>The action the route named <paramref name="routeName"/> (a Functions function's name) is journalled as, or null.</summary>
    public static string? ActionFor(string? routeName) => routeName is not null && Actions.TryGetValue(routeName, out var action) ? action : null;

    /// <summary>Before the handler: keeps the body readable after the handler has read it.</summary>
    public static void Prepare(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Request.EnableBuffering(RequestBody.DefaultMaxBytes);
    }

    /// <summary>After the handler: journals the request with its answer's status and outcome.</summary>
    public async Task RecordAsync(HttpContext context, string action, string callId, int status, string? outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in context.Request.Query)
        {
            parameters.Add(new(name == "action" && action == ChannelActions.Read ? "for" : name, values.ToString()));
        }

        parameters.AddRange(await BodyValuesAsync(context.Request, cancellationToken));
        await journal.RecordAsync(callId, Channel, action, parameters, status, outcome, cancellationToken);
    }

    /// <summary>The answer's own <c>outcome</c> or <c>status</c>, or a problem's slug.</summary>
    public static string? OutcomeOf(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var element = JsonSerializer.SerializeToElement(value, Storage.ConnectorsJson.Options);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in new[] { "outcome", "status", "type" })
        {
            if (element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
            {
                var text = property.GetString()!;
                return text.StartsWith(ProblemResults.TypePrefix, StringComparison.Ordinal) ? text[ProblemResults.TypePrefix.Length..] : text;
            }
        }

        return null;
    }

    private static async Task<List<KeyValuePair<string, string>>> BodyValuesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new List<KeyValuePair<string, string>>();
        if (!request.Body.CanSeek || request.Body.Length == 0)
        {
            return values;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    values.Add(new(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
                }
            }
        }
        catch (JsonException)
        {
            // A body that is not JSON was refused by its handler; the status says so, and nothing of it is kept.
        }

        return values;
    }
}
