namespace Connectors.Core.Http;

/// <summary>
/// Every problem type the HTTP surface answers, with its status: what the OpenAPI document lists. A test holds this to
/// the <c>ProblemException</c>s the source throws, so a new problem type is documented or the build's tests fail.
/// </summary>
public static class ProblemTypeCatalog
{
    public static IReadOnlyList<ProblemType> All { get; } =
    [
        new(400, "bad-request", "Bad request"),
        new(400, "invalid-account-number", "Invalid account number"),
        new(400, "invalid-agent", "Invalid agent"),
        new(400, "invalid-amount", "Invalid baton"),
        new(400, "invalid-biometric-assertion", "Invalid assertion"),
        new(400, "invalid-biometric-vendor", "Invalid vendor name"),
        new(400, "invalid-call-id", "Invalid call id"),
        new(400, "invalid-disposition", "Invalid disposition"),
        new(400, "invalid-ivr-digits", "Invalid IVR digits"),
        new(400, "invalid-passcode-format", "Invalid code format"),
        new(400, "invalid-passcode-request", "Invalid request"),
        new(400, "invalid-phone-number", "Invalid phone number"),
        new(400, "invalid-platform", "Invalid platform"),
        new(400, "invalid-reason", "Invalid reason"),
        new(400, "invalid-transfer", "Invalid transfer"),
        new(400, "malformed-json", "Malformed JSON"),
        new(400, "missing-action", "Missing action"),
        new(400, "missing-parameter", "Missing parameter"),
        new(400, "unknown-channel-action", "Unknown action"),
        new(401, "biometric-assertion-stale", "Stale assertion"),
        new(401, "biometric-signature-invalid", "Invalid signature"),
        new(401, "invalid-signature", "Request not authenticated"),
        new(401, "missing-function-key", "Key required"),
        new(403, "action-not-permitted", "Action not permitted"),
        new(403, "step-up-required", "Step-up required"),
        new(404, "baton-not-found", "Baton not found"),
        new(404, "call-not-found", "Call not found"),
        new(404, "not-a-dry-run", "Not a dry run"),
        new(409, "biometric-assertion-replayed", "Assertion already used"),
        new(409, "call-busy", "Call busy"),
        new(409, "call-connected-differently", "Call already connected differently"),
        new(409, "no-transfer", "No transfer"),
        new(409, "not-parked", "Not parked"),
        new(409, "not-waiting-for-confirmation", "Not waiting for a confirmation"),
        new(413, "payload-too-large", "Request body too large"),
        new(415, "unsupported-media-type", "Unsupported media type"),
        new(422, "biometric-assertion-mismatch", "Assertion is about another call or account"),
        new(422, "knowledge-check-unavailable", "Knowledge check unavailable"),
        new(422, "passcode-destination-rejected", "The destination on file cannot receive a code"),
        new(422, "sms-country-not-allowed", "SMS not allowed to this country"),
        new(499, "request-cancelled", "Request cancelled"),
        new(500, "answer-too-large", "Answer too large"),
        new(500, "unexpected", "Unexpected error"),
        new(503, "passcode-sender-unavailable", "The code could not be sent"),
        new(503, "storage-unavailable", "Storage unavailable"),
        new(400, "invalid-signal-range", "Invalid signal range"),
        new(400, "invalid-event-id", "Invalid event id"),
        new(404, "event-not-found", "Event not found"),
        new(400, "malformed-webhook", "Malformed webhook"),
        new(400, "malformed-connect-event", "Malformed Connect event"),
        new(400, "invalid-knowledge-answer", "Invalid knowledge answer"),
        new(422, "no-passcode-destination-on-file", "No destination on file"),
        new(404, "no-passcode-issued", "No passcode issued"),
        new(404, "not-found", "Not found"),
        new(404, "wrapup-not-found", "Wrap-up not found"),
        new(405, "method-not-allowed", "Method not allowed"),
        new(409, Auth.VerificationSubject.NoAccountSlug, "No account to verify against"),
        new(409, Auth.VerificationSubjectLoader.PendingSlug, "Account lookup still running"),
        new(503, "service-unavailable", "Service unavailable"),
        new(409, Baton.BatonWriter.AlreadyRecordedType, "Call already recorded"),
        new(409, "nothing-to-record", "Nothing to record"),
        new(400, "invalid-feedback", "Invalid feedback"),
        new(409, "feedback-already-recorded", "Feedback already recorded"),
        new(429, "too-many-link-lookups", "Too many failed link lookups"),
        new(400, "invalid-idempotency-key", "Invalid idempotency key"),
        new(409, Retries.FirstAnswerReplayer.ReusedSlug, "Request id already used"),
        new(409, Retries.FirstAnswerReplayer.InProgressSlug, "Request in progress"),
        new(400, "invalid-fault", "Invalid fault"),
    ];

    /// <summary>The problem's <c>type</c>: <c>urn:connectors:problem:{slug}</c>.</summary>
    public static string TypeOf(string slug) => ProblemResults.TypePrefix + slug;
}

/// <summary>One problem type: its HTTP status, stable slug and title.</summary>
public sealed record ProblemType(int Status, string Slug, string Title);
