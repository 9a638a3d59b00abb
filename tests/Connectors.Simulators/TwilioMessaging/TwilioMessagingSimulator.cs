using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Connectors.Simulators.TwilioMessaging;

/// <summary>
/// Twilio Programmable Messaging as documented: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>,
/// form-encoded, HTTP Basic (AccountSid:AuthToken); 201 with the message resource; errors as
/// <c>{code, message, more_info, status}</c> (20003, 21211, 21408, 21602, 21603, 21606, 21610, 21614,
/// 21617, 20429 with Retry-After, 20500, 20503). There is no idempotency key: every accepted POST is a
/// message. Faults: the script, then the injector (LateAnswer commits the message, then answers late).
/// </summary>
public sealed partial class TwilioMessagingSimulator : IAsyncDisposable
{
    private readonly ConcurrentQueue<TwilioSentMessage> _messages = new();

    private TwilioMessagingSimulator(TwilioMessagingSimulatorOptions options)
    {
        Options = options;
    }

    public TwilioMessagingSimulatorOptions Options { get; }

    public SimulatorServer Server { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    public FaultInjector Faults { get; } = new();

    public FaultScript Script { get; } = new();

    public RequestRecorder Requests { get; } = new();

    public IReadOnlyList<TwilioSentMessage> Messages => _messages.ToList();

    public static async Task<TwilioMessagingSimulator> StartAsync(TwilioMessagingSimulatorOptions? options = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new TwilioMessagingSimulator(options ?? new TwilioMessagingSimulatorOptions());
        simulator.Server = await SimulatorServer.StartAsync(app =>
        {
            app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", simulator.CreateMessageAsync);
            app.MapGet("/_sim/requests", () => TypedResults.Ok(simulator.Requests.Snapshot()));
            app.MapGet("/_sim/messages", () => TypedResults.Ok(simulator.Messages));
            app.MapFaultControl(simulator.Faults);
        }, port, cancellationToken: cancellationToken);
        return simulator;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task CreateMessageAsync(HttpContext context, string accountSid)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var form = QueryHelpers.ParseQuery(body);
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        var text = Field("Body");
        var withoutText = QueryString.Create(form.Where(p => p.Key != "Body").SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))).ToString().TrimStart('?');
        Requests.Record(context, body, text, withoutText);

        if (!Authenticated(context, accountSid))
        {
            await ErrorAsync(context, 401, 20003, "Authenticate");
            return;
        }

        var fault = await SimulatedFault.DecideAsync(Script, Faults, context);
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return;
            case FaultKind.Outage:
                await ErrorAsync(context, 503, 20503, "Service Unavailable");
                return;
            case FaultKind.ServerError:
                await ErrorAsync(context, 500, 20500, "Internal Server Error");
                return;
            case FaultKind.Throttle:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Faults.Profile.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ErrorAsync(context, 429, 20429, "Too Many Requests");
                return;
        }

        var to = Field("To");
        var from = Field("From");
        var service = Field("MessagingServiceSid");
        if (to is null || !E164().IsMatch(to) || Options.InvalidNumbers.Contains(to))
        {
            await ErrorAsync(context, 400, 21211, $"The 'To' number {to} is not a valid phone number.");
            return;
        }

        if (from is null && service is null)
        {
            await ErrorAsync(context, 400, 21603, "A 'From' phone number is required.");
            return;
        }

        if ((from is not null && !Options.OwnedNumbers.Contains(from)) || (service is not null && !Options.MessagingServiceSids.Contains(service)))
        {
            await ErrorAsync(context, 400, 21606, $"The From phone number {from} is not a valid, SMS-capable inbound phone number or short code for your account.");
            return;
        }

        if (string.IsNullOrEmpty(text))
        {
            await ErrorAsync(context, 400, 21602, "Message body is required.");
            return;
        }

        if (text.Length > 1600)
        {
            await ErrorAsync(context, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
            return;
        }

        if (!Options.GeoPermissions.Any(p => to[1..].StartsWith(p, StringComparison.Ordinal)))
        {
            await ErrorAsync(context, 400, 21408, $"Permission to send an SMS has not been enabled for the region indicated by the 'To' number: {to}.");
            return;
        }

        if (Options.NotSmsCapable.Contains(to))
        {
            await ErrorAsync(context, 400, 21614, $"'To' number {to} is not a valid mobile number");
            return;
        }

        if (Options.OptedOut.Contains(to))
        {
            await ErrorAsync(context, 400, 21610, "Attempt to send to unsubscribed recipient");
            return;
        }

        var message = new TwilioSentMessage(
            "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), to, from, service, text,
            int.TryParse(Field("ValidityPeriod"), NumberStyles.None, CultureInfo.InvariantCulture, out var validity) ? validity : null,
            DateTimeOffset.UtcNow);
        _messages.Enqueue(message);

        if (fault.Kind == FaultKind.LateAnswer)
        {
            await SimulatedFault.AnswerLateAsync(Faults, context);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["sid"] = message.Sid,
            ["account_sid"] = accountSid,
            ["to"] = message.To,
            ["from"] = message.From,
            ["messaging_service_sid"] = message.MessagingServiceSid,
            ["body"] = message.Body,
            ["status"] = service is null ? "queued" : "accepted",
            ["num_segments"] = "1",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["date_created"] = message.AcceptedAt.ToString("R", CultureInfo.InvariantCulture),
            ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{message.Sid}.json",
        }, context.RequestAborted);
    }

    private bool Authenticated(HttpContext context, string accountSid)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return false;
        }

        return accountSid == Options.AccountSid && credentials == Options.AccountSid + ":" + Options.AuthToken;
    }

    private static Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = status,
        }, context.RequestAborted);
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
