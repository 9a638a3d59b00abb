using Connectors.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Retries;

/// <summary>The one <see cref="RequestReplayStore"/> class, opened on each table whose requests carry a retry id.</summary>
public sealed class RequestReplayStores
{
    /// <summary>The table names the two stores had before they were one class (a row of the old shape has no expiry, so it is taken over).</summary>
    public const string WebhookTable = "WebhookRequests";
    public const string BiometricTable = "StepUpBiometricReplays";
    public const string TwilioTable = "TwilioRequests";
    public const string ApiTable = "ApiRequests";

    public RequestReplayStores(DocumentTableFactory tables, TimeProvider time, IOptions<RequestReplayOptions> options)
    {
        Webhooks = new RequestReplayStore(tables, WebhookTable, time, options);
        BiometricVerdicts = new RequestReplayStore(tables, BiometricTable, time, options);
        Twilio = new RequestReplayStore(tables, TwilioTable, time, options);
        Api = new RequestReplayStore(tables, ApiTable, time, options);
    }

    /// <summary>Signed webhooks, by sender and <c>requestId</c>.</summary>
    public RequestReplayStore Webhooks { get; }

    /// <summary>Biometric verdicts, by vendor and <c>assertionId</c>.</summary>
    public RequestReplayStore BiometricVerdicts { get; }

    /// <summary>Twilio requests, by a hash of <c>I-Twilio-Idempotency-Token</c>.</summary>
    public RequestReplayStore Twilio { get; }

    /// <summary>The JSON API's step-up writes, by a hash of the call and its <c>Idempotency-Key</c>.</summary>
    public RequestReplayStore Api { get; }

    public IReadOnlyList<RequestReplayStore> All => [Webhooks, BiometricVerdicts, Twilio, Api];
}
